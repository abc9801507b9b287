import type { GlobalPosition } from '@invoice-engine/event-store';
import { rebuildProjection, type Projection, type ProjectionEventSource } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import { invoiceBatchSchedulersProjection } from '../projections/schedulers/invoice-batch-schedulers.projection';
import { refreshNextFireTimes } from '../projections/schedulers/refresh-next-fire-times';

export interface RebuildOptions {
  readonly batchSize: number;
  /** The rebuild is over when no batch arrived for this long (the port has no "caught up" signal). */
  readonly idleMs: number;
  readonly onApplied?: (checkpoint: GlobalPosition, folded: number) => void;
}

/**
 * Truncates the projection's tables, forgets its checkpoint and replays every event, then stops once
 * the subscription has been idle for `idleMs`. Stop the projector's instances of this projection
 * first: one still running would move the checkpoint past events the replay has not applied.
 * Returns the checkpoint reached (null when there was nothing to replay).
 */
export async function rebuildBillingProjection(
  dataSource: DataSource,
  eventSource: ProjectionEventSource,
  projection: Projection,
  options: RebuildOptions,
): Promise<GlobalPosition | null> {
  let checkpoint: GlobalPosition | null = null;
  let lastBatchAt = Date.now();
  const subscription = await rebuildProjection(dataSource, eventSource, projection, {
    batchSize: options.batchSize,
    onApplied: (applied) => {
      checkpoint = applied.checkpoint;
      lastBatchAt = Date.now();
      options.onApplied?.(applied.checkpoint, applied.folded);
    },
  });
  let failure: unknown = null;
  subscription.finished.catch((error: unknown) => (failure = error));
  while (failure === null && Date.now() - lastBatchAt < options.idleMs) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, options.idleMs)));
  }
  await subscription.stop();
  if (failure !== null)
    throw failure instanceof Error
      ? failure
      : new Error('The rebuild subscription failed', { cause: failure });
  if (projection.name === invoiceBatchSchedulersProjection.name) await refreshNextFireTimes(dataSource);
  return checkpoint;
}
