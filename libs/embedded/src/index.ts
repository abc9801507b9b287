export { InProcessBus, type InProcessBusOptions } from './bus/in-process-bus';
export { InProcessConsumer, type InProcessConsumerOptions } from './bus/in-process-consumer';
export type { DeadLetter } from './bus/dead-letters';
export {
  inProcessBusTransport,
  IN_PROCESS_MAX_BATCH_MESSAGES,
  InProcessTransportStrategy,
  type InProcessTransportOptions,
} from './nest/in-process-transport-strategy';
export {
  EmbeddedInfrastructureModule,
  type EmbeddedInfrastructureOptions,
} from './infrastructure/embedded-infrastructure.module';
export * from './composition/embedded-batch-run';
export {
  EmbeddedEngineModule,
  EMBEDDED_REQUEST_PRODUCER,
  type EmbeddedEngineOptions,
} from './composition/embedded-engine.module';
export {
  embeddedMessageClasses,
  startEmbeddedEngine,
  type EmbeddedEngine,
} from './composition/embedded-engine';
export { EMBEDDED_SERVICE_GROUPS, ServiceTransportStrategy } from './composition/service-consumer-groups';
export { runBatchRunEmbedded, ScheduleLoadRejectedError } from './composition/run-batch-run-embedded';
export { EmbeddedRunNotFinishedError } from './composition/run-completion';
export { ExclusionMismatchError } from './composition/run-exclusions';
export {
  parseScenario,
  type ParsedScenario,
  type Scenario,
  type ScenarioError,
} from './scenario/parse-scenario';
export * from './scenario/scenario-output';
export { runScenario, type ScenarioRunResult } from './scenario/run-scenario';
