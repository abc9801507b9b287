import type { PostgresEventStore } from '@invoice-engine/event-store';
import { startProjection, type Projection } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';

export interface ReplayResult {
  readonly name: string;
  /** Events of the projection's types in the store. */
  readonly events: number;
  /** From the common start until this projection's checkpoint passed its last event. */
  readonly seconds: number;
  /** Time spent in the pure fold. */
  readonly foldSeconds: number;
  readonly batches: number;
}

interface Target {
  readonly events: number;
  readonly lastPosition: bigint;
}

async function targetOf(
  dataSource: DataSource,
  eventStoreSchema: string,
  projection: Projection,
): Promise<Target> {
  const [row] = await dataSource.query<{ events: string; last: string | null }[]>(
    `SELECT count(*)::text AS events, max(position)::text AS last FROM "${eventStoreSchema}".events WHERE type = ANY($1)`,
    [projection.eventTypes],
  );
  return { events: Number(row?.events ?? 0), lastPosition: BigInt(row?.last ?? 0) };
}

/** The projection with its fold timed. */
function timed(projection: Projection, onFold: (nanoseconds: bigint) => void): Projection {
  return {
    ...projection,
    fold: (events) => {
      const startedAt = process.hrtime.bigint();
      const operations = projection.fold(events);
      onFold(process.hrtime.bigint() - startedAt);
      return operations;
    },
  };
}

async function replayOne(
  dataSource: DataSource,
  store: PostgresEventStore,
  eventStoreSchema: string,
  projection: Projection,
  batchSize: number,
  startedAt: bigint,
): Promise<ReplayResult> {
  const target = await targetOf(dataSource, eventStoreSchema, projection);
  let foldNanoseconds = 0n;
  let batches = 0;
  let reached: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (reached = resolve));
  if (target.lastPosition === 0n) reached();
  const subscription = await startProjection(
    dataSource,
    store,
    timed(projection, (nanoseconds) => (foldNanoseconds += nanoseconds)),
    {
      batchSize,
      onApplied: (applied) => {
        batches += 1;
        if (applied.checkpoint >= target.lastPosition) reached();
      },
    },
  );
  await Promise.race([caughtUp, subscription.finished]);
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  await subscription.stop();
  return {
    name: projection.name,
    events: target.events,
    seconds,
    foldSeconds: Number(foldNanoseconds) / 1e9,
    batches,
  };
}

/** Runs the projections from their (reset) checkpoints at once until each has applied its last event. */
export async function replayProjections(
  dataSource: DataSource,
  store: PostgresEventStore,
  eventStoreSchema: string,
  projections: readonly Projection[],
  batchSize: number,
): Promise<{ results: ReplayResult[]; seconds: number }> {
  const startedAt = process.hrtime.bigint();
  const results = await Promise.all(
    projections.map((projection) =>
      replayOne(dataSource, store, eventStoreSchema, projection, batchSize, startedAt),
    ),
  );
  return { results, seconds: Number(process.hrtime.bigint() - startedAt) / 1e9 };
}
