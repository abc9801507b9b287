export * from './clock';
export * from './injection-tokens';
export * from './logger';
export * from './message-publisher';
