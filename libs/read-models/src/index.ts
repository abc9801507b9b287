export * from './read-model-database-options';
export {
  createReadModelDataSource,
  openReadModelDataSource,
  readModelSchemaOf,
  readModelMigrationsTable,
  type ReadModelDataSourceParts,
} from './read-model-data-source';
export { readModelMigrations, type ReadModelMigration } from './migrations/read-model-migrations';
export * from './projection/row-operation';
export type { Projection } from './projection/projection';
export { coalesceRowOperations } from './projection/coalesce-row-operations';
export { rowOperationStatements, type SqlStatement } from './projection/row-operation-statements';
export { qualifiedTable, quoteIdentifier } from './sql-identifier';
export { readProjectionCheckpoint, type SqlRunner } from './runner/projection-checkpoint';
export {
  applyProjectionBatch,
  type AppliedBatch,
  type ProjectionBatch,
} from './runner/apply-projection-batch';
export {
  startProjection,
  type ProjectionEventSource,
  type ProjectionRunOptions,
} from './runner/run-projection';
export { rebuildProjection, resetProjection } from './runner/rebuild-projection';
