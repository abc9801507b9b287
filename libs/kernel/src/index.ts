export * from './calendar-date';
export * from './decider';
export * from './deterministic-id';
export * from './domain-error';
export * from './event-envelope';
export * from './money';
export * from './stream-name';
export * from './json-with-bigint';
