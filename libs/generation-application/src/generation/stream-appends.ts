import type { EventStore, ExpectedRevision, StreamAppend } from '@invoice-engine/event-store';
import type { DomainEvent, EventEnvelope } from '@invoice-engine/kernel';
import { envelopesOf, type Causation } from './causation';

/** Events decided for one stream, to append after `expectedRevision`. */
export interface DecidedStream {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly DomainEvent[];
}

/** The envelopes of every stream that got events, ready for one `appendMany`. */
export function appendsOf(decided: readonly DecidedStream[], causation: Causation): StreamAppend[] {
  return decided
    .filter((stream) => stream.events.length > 0)
    .map((stream) => ({
      stream: stream.stream,
      expectedRevision: stream.expectedRevision,
      events: envelopesOf(stream.stream, stream.events, causation),
    }));
}

/** Appends everything in one `appendMany` (atomic on PostgreSQL); nothing to append is no call. */
export async function appendAll(eventStore: EventStore, appends: readonly StreamAppend[]): Promise<void> {
  if (appends.length > 0) await eventStore.appendMany(appends);
}

/** The envelopes appended to one stream (empty when it got none). */
export function appendedTo(appends: readonly StreamAppend[], stream: string): readonly EventEnvelope[] {
  return appends.find((append) => append.stream === stream)?.events ?? [];
}
