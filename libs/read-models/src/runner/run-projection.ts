import type { EventStore, EventSubscription } from '@invoice-engine/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projection/projection';
import { readModelSchemaOf } from '../read-model-data-source';
import { applyProjectionBatch, type AppliedBatch } from './apply-projection-batch';
import { readProjectionCheckpoint } from './projection-checkpoint';

/** The part of the event store a projection runner needs. */
export type ProjectionEventSource = Pick<EventStore, 'subscribeToAll'>;

export interface ProjectionRunOptions {
  /** Most events per transaction. */
  readonly batchSize: number;
  /** Called after each committed batch (metrics, logs, tests waiting for a position). */
  readonly onApplied: (applied: AppliedBatch) => void;
}

/**
 * Starts a projection: reads its stored checkpoint, subscribes to all streams after it (filtered to
 * the projection's event types) and applies each delivered batch in its own transaction. Stop it with
 * the returned subscription's `stop()`; a failing batch ends it and rejects `finished`, and the next
 * start resumes from the last committed checkpoint.
 */
export async function startProjection(
  dataSource: DataSource,
  eventSource: ProjectionEventSource,
  projection: Projection,
  options: ProjectionRunOptions,
): Promise<EventSubscription> {
  const checkpoint = await readProjectionCheckpoint(
    dataSource.manager,
    readModelSchemaOf(dataSource),
    projection.name,
  );
  return eventSource.subscribeToAll({
    from: checkpoint === null ? 'start' : { after: checkpoint },
    filter: { eventTypes: projection.eventTypes },
    batchSize: options.batchSize,
    onEvents: async (batch) => options.onApplied(await applyProjectionBatch(dataSource, projection, batch)),
  });
}
