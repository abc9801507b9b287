import type { EventSubscription } from '@invoice-engine/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projection/projection';
import { readModelSchemaOf } from '../read-model-data-source';
import { qualifiedTable } from '../sql-identifier';
import { deleteProjectionCheckpoint, lockProjection } from './projection-checkpoint';
import { startProjection, type ProjectionEventSource, type ProjectionRunOptions } from './run-projection';

/**
 * Empties a projection's tables and forgets its checkpoint in one transaction, so that no reader
 * sees empty tables with an old checkpoint (or the reverse).
 */
export async function resetProjection(dataSource: DataSource, projection: Projection): Promise<void> {
  const schema = readModelSchemaOf(dataSource);
  await dataSource.transaction(async (transaction) => {
    await lockProjection(transaction, schema, projection.name);
    if (projection.tables.length > 0) {
      await transaction.query(
        `TRUNCATE ${projection.tables.map((table) => qualifiedTable(schema, table)).join(', ')}`,
      );
    }
    await deleteProjectionCheckpoint(transaction, schema, projection.name);
  });
}

/**
 * Rebuilds a projection from the first event: reset, then run it from zero. Stop every running
 * instance of the projection first; one still running would move the checkpoint past events the
 * rebuild has not replayed yet.
 */
export async function rebuildProjection(
  dataSource: DataSource,
  eventSource: ProjectionEventSource,
  projection: Projection,
  options: ProjectionRunOptions,
): Promise<EventSubscription> {
  await resetProjection(dataSource, projection);
  return startProjection(dataSource, eventSource, projection, options);
}
