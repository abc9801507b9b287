import {
  billingScheduleDecider,
  type BillingScheduleEvent,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import type { EventStore, GlobalPosition, StreamAppend } from '@invoice-engine/event-store';
import { deterministicId, streamName, StreamCategory, type Instant } from '@invoice-engine/kernel';

export interface SeedingOptions {
  /** Streams per `appendMany` (default 1,000). */
  readonly batchSize?: number;
  /** `appendMany` calls in flight at once (default 2). */
  readonly concurrency?: number;
  /** Names the seeding in correlation and causation ids. */
  readonly seedingId: string;
  readonly occurredAt: Instant;
  /** Called after each batch with the number of schedules written so far. */
  readonly onProgress?: (written: number) => void;
}

export interface SeedingResult {
  readonly schedulesCreated: number;
  /** Position of the last creation event: what the read models must reach before a run sees them all. */
  readonly lastPosition: GlobalPosition;
}

/** The creation of one schedule as the billing-schedules decider decides it, ready to append. */
export function billingScheduleCreation(
  terms: BillingScheduleTerms,
  options: Pick<SeedingOptions, 'seedingId' | 'occurredAt'>,
): StreamAppend {
  const stream = streamName(StreamCategory.BillingSchedule, terms.id);
  const events: readonly BillingScheduleEvent[] = billingScheduleDecider.decide(
    { type: 'CreateBillingSchedule', terms },
    billingScheduleDecider.initialState(),
  );
  return {
    stream,
    expectedRevision: 'no-stream',
    events: events.map((event, index) => ({
      messageId: deterministicId(options.seedingId, stream, event.type, String(index)),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: {
        correlationId: options.seedingId,
        causationId: options.seedingId,
        groupingKey: null,
        runId: null,
        occurredAt: options.occurredAt,
        producer: 'e2e-seeding',
      },
    })),
  };
}

/**
 * Streams schedules into the event store as creation events, `batchSize` streams per `appendMany`
 * with a few calls in flight, without holding the data set in memory (a million schedules fit).
 */
export async function seedBillingSchedules(
  eventStore: EventStore,
  schedules: Iterable<BillingScheduleTerms>,
  options: SeedingOptions,
): Promise<SeedingResult> {
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 2;
  const inFlight = new Set<Promise<void>>();
  let created = 0;
  let lastPosition = 0n;
  let batch: StreamAppend[] = [];
  const flush = async (appends: StreamAppend[]) => {
    const results = await eventStore.appendMany(appends);
    for (const result of results) if (result.position > lastPosition) lastPosition = result.position;
    created += appends.length;
    options.onProgress?.(created);
  };
  const submit = async (appends: StreamAppend[]) => {
    const pending = flush(appends).finally(() => inFlight.delete(pending));
    inFlight.add(pending);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };
  for (const terms of schedules) {
    batch.push(billingScheduleCreation(terms, options));
    if (batch.length >= batchSize) {
      await submit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await submit(batch);
  await Promise.all(inFlight);
  return { schedulesCreated: created, lastPosition };
}
