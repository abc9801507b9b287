export { InProcessBus, type InProcessBusOptions } from './bus/in-process-bus';
export { InProcessConsumer, type InProcessConsumerOptions } from './bus/in-process-consumer';
export type { DeadLetter } from './bus/dead-letters';
export {
  inProcessBusTransport,
  InProcessTransportStrategy,
  type InProcessTransportOptions,
} from './nest/in-process-transport-strategy';
export {
  EmbeddedInfrastructureModule,
  type EmbeddedInfrastructureOptions,
} from './infrastructure/embedded-infrastructure.module';
