import { billingProjections } from '@invoice-engine/billing-read-models';
import type { EventStore, GlobalPosition } from '@invoice-engine/event-store';
import { readModelSchemaOf, readProjectionCheckpoint, type Projection } from '@invoice-engine/read-models';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

/**
 * For each projection, the position of the last event of `[from, to]` it handles. A projection stores
 * a checkpoint only with a batch of its own events, so "checkpoint ≥ the run's last position" may
 * never hold; "checkpoint ≥ its own last event" always will. Reads the run's events once, unfiltered.
 */
async function lastHandledPositions(
  eventStore: EventStore,
  projections: readonly Projection[],
  from: GlobalPosition,
  to: GlobalPosition,
): Promise<Map<string, GlobalPosition>> {
  const handled = projections.map((projection) => ({
    name: projection.name,
    types: new Set(projection.eventTypes),
  }));
  const last = new Map<string, GlobalPosition>();
  let reachedEnd: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    reachedEnd = resolve;
  });
  const subscription = eventStore.subscribeToAll({
    from: { after: from - 1n },
    onEvents: (batch) => {
      for (const event of batch.events) {
        if (event.position > to) continue;
        for (const { name, types } of handled) if (types.has(event.type)) last.set(name, event.position);
      }
      if (batch.checkpoint >= to) reachedEnd();
      return Promise.resolve();
    },
  });
  try {
    await Promise.race([done, subscription.finished]);
  } finally {
    await subscription.stop();
  }
  return last;
}

/**
 * Waits until every billing projection has applied every event of the run that it handles, so that
 * the read models show the whole run (the projector runs on its own subscriptions, behind the bus).
 */
export async function waitForProjections(
  eventStore: EventStore,
  readModels: DataSource,
  run: { readonly requestPosition: GlobalPosition; readonly lastPosition: GlobalPosition },
  timeoutMs: number,
): Promise<void> {
  const targets = await lastHandledPositions(
    eventStore,
    billingProjections,
    run.requestPosition,
    run.lastPosition,
  );
  const deadline = Date.now() + timeoutMs;
  const schema = readModelSchemaOf(readModels);
  for (const [name, position] of targets) {
    for (;;) {
      const checkpoint = await readProjectionCheckpoint(readModels.manager, schema, name);
      if (checkpoint !== null && checkpoint >= position) break;
      if (Date.now() > deadline) {
        throw new Error(`Projection ${name} is at ${checkpoint ?? 'nothing'}, not yet at ${position}`);
      }
      await sleep(20);
    }
  }
}
