export { InProcessBus, type InProcessBusOptions } from './bus/in-process-bus';
export { InProcessConsumer, type InProcessConsumerOptions } from './bus/in-process-consumer';
export type { DeadLetter } from './bus/dead-letters';
