export * from './distributed-configuration';
export * from './distributed-infrastructure.module';
export * from './pipeline-topics';
export * from './start-distributed-service';
