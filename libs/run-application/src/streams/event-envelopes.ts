import { deterministicId, type DomainEvent, type EventEnvelope, type Instant } from '@invoice-engine/kernel';
import type { EventToAppend, StreamRevision } from '@invoice-engine/event-store';

/** Who caused the events an application handler appends; passed explicitly, never read from context. */
export interface AppendContext {
  /** The message (or request) that caused the events; part of every event id. */
  readonly causationId: string;
  readonly correlationId: string;
  readonly runId: string | null;
  readonly groupingKey: string | null;
  readonly occurredAt: Instant;
  readonly producer: string;
}

/** Schema version of the domain events this layer appends (all at version 1). */
const DOMAIN_EVENT_SCHEMA_VERSION = 1;

/**
 * Envelopes for events about to be appended at `firstRevision` and after. The id is derived from the
 * cause and the place in the stream, so a redelivered message appending at the same place writes the
 * same ids (the store takes it as the same append), while another cause gets other ids and meets the
 * expected-revision check instead.
 */
export function eventsToAppend(
  stream: string,
  firstRevision: StreamRevision,
  events: readonly DomainEvent[],
  context: AppendContext,
): readonly EventToAppend[] {
  return events.map((event, index): EventEnvelope => ({
    messageId: deterministicId(
      context.causationId,
      stream,
      (firstRevision + BigInt(index)).toString(),
      event.type,
    ),
    type: event.type,
    schemaVersion: DOMAIN_EVENT_SCHEMA_VERSION,
    data: event.data,
    metadata: {
      correlationId: context.correlationId,
      causationId: context.causationId,
      groupingKey: context.groupingKey,
      runId: context.runId,
      occurredAt: context.occurredAt,
      producer: context.producer,
    },
  }));
}

/** The revision the next appended event gets, from the revision the stream is expected at. */
export function nextRevision(expected: StreamRevision | 'no-stream'): StreamRevision {
  return expected === 'no-stream' ? 0n : expected + 1n;
}
