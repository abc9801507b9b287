export * from './config-error';
export * from './environment-transforms';
export * from './load-configuration';
