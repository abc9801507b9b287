export * from './event-store.port';
export * from './postgres/postgres-event-store';
export * from './sql/pg-pool-connection';
export * from './sql/pglite-connection';
export type { SqlConnection, SqlQueryable } from './sql/sql-connection';
export * from './eventstoredb';
