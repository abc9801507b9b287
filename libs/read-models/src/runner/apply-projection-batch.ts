import type { GlobalPosition, RecordedEvent } from '@invoice-engine/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projection/projection';
import { rowOperationStatements } from '../projection/row-operation-statements';
import { readModelSchemaOf } from '../read-model-data-source';
import { readModelColumnTypes } from './read-model-column-types';
import {
  lockProjectionForBatch,
  readProjectionCheckpoint,
  storeProjectionCheckpoint,
} from './projection-checkpoint';

/** Events to apply and the checkpoint to store once they are (at least the last event's position). */
export interface ProjectionBatch {
  readonly events: readonly RecordedEvent[];
  readonly checkpoint: GlobalPosition;
}

export interface AppliedBatch {
  /** Events handed to the fold: the batch minus events at or below the stored checkpoint and other types. */
  readonly folded: number;
  /** Events skipped because the stored checkpoint already covers them (a redelivery). */
  readonly alreadyApplied: number;
  /** The checkpoint stored after the batch. */
  readonly checkpoint: GlobalPosition;
}

/**
 * Applies one batch in ONE transaction: lock the projection, read its checkpoint, fold the events
 * the checkpoint does not cover yet, coalesce the fold's operations to one write per row, write the
 * rows with a few multi-row statements per table, move the checkpoint.
 * Rows and checkpoint commit together or not at all, so a crash anywhere leaves them consistent and
 * a redelivered batch is skipped.
 */
export async function applyProjectionBatch(
  dataSource: DataSource,
  projection: Projection,
  batch: ProjectionBatch,
): Promise<AppliedBatch> {
  const schema = readModelSchemaOf(dataSource);
  const handled = new Set(projection.eventTypes);
  return dataSource.transaction(async (transaction) => {
    await lockProjectionForBatch(transaction, schema, projection.name);
    const stored = await readProjectionCheckpoint(transaction, schema, projection.name);
    const fresh = batch.events.filter((event) => stored === null || event.position > stored);
    const events = fresh.filter((event) => handled.has(event.type));
    if (events.length > 0) {
      const types = await readModelColumnTypes(dataSource, transaction, schema, projection.tables);
      for (const statement of rowOperationStatements(schema, projection.fold(events), types)) {
        await transaction.query(statement.text, [...statement.parameters]);
      }
    }
    const checkpoint = stored !== null && stored > batch.checkpoint ? stored : batch.checkpoint;
    await storeProjectionCheckpoint(transaction, schema, projection.name, checkpoint);
    return { folded: events.length, alreadyApplied: batch.events.length - fresh.length, checkpoint };
  });
}
