import type { GlobalPosition } from '@invoice-engine/event-store';
import type { EntityManager } from 'typeorm';
import { qualifiedTable } from '../sql-identifier';

/** Anything that runs SQL: a data source's manager, or a transaction's. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/** The stored checkpoint of a projection: the last global position its rows reflect, or null before its first batch. */
export async function readProjectionCheckpoint(
  runner: SqlRunner,
  schema: string,
  projectionName: string,
): Promise<GlobalPosition | null> {
  const rows = await runner.query<{ position: string }[]>(
    `SELECT position::text AS position FROM ${qualifiedTable(schema, 'projection_checkpoints')} WHERE projection_name = $1`,
    [projectionName],
  );
  const row = rows[0];
  return row === undefined ? null : BigInt(row.position);
}

/**
 * Serializes writers of one projection until the transaction ends, so that two replicas (or a
 * replica and a rebuild) never interleave their batches for the same projection.
 */
export async function lockProjection(
  transaction: SqlRunner,
  schema: string,
  projectionName: string,
): Promise<void> {
  await transaction.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `projection:${schema}.${projectionName}`,
  ]);
}

/**
 * `lockProjection` for a batch, which also commits asynchronously: a read model is rebuilt from the
 * event store, and its rows and checkpoint commit together, so a crash that loses the last commits
 * only has their batches applied again, while a batch no longer waits for its WAL flush.
 */
export async function lockProjectionForBatch(
  transaction: SqlRunner,
  schema: string,
  projectionName: string,
): Promise<void> {
  await transaction.query(
    "SELECT pg_advisory_xact_lock(hashtext($1)), set_config('synchronous_commit', 'off', true)",
    [`projection:${schema}.${projectionName}`],
  );
}

/** Moves the checkpoint forward, never backwards. */
export async function storeProjectionCheckpoint(
  transaction: SqlRunner,
  schema: string,
  projectionName: string,
  position: GlobalPosition,
): Promise<void> {
  const table = qualifiedTable(schema, 'projection_checkpoints');
  await transaction.query(
    `INSERT INTO ${table} AS existing (projection_name, position, updated_at) VALUES ($1, $2, now()) ` +
      'ON CONFLICT (projection_name) DO UPDATE SET position = EXCLUDED.position, updated_at = now() ' +
      'WHERE existing.position < EXCLUDED.position',
    [projectionName, position.toString()],
  );
}

export async function deleteProjectionCheckpoint(
  transaction: SqlRunner,
  schema: string,
  projectionName: string,
): Promise<void> {
  await transaction.query(
    `DELETE FROM ${qualifiedTable(schema, 'projection_checkpoints')} WHERE projection_name = $1`,
    [projectionName],
  );
}
