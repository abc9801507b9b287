import {
  deterministicId,
  type DomainEvent,
  type EventEnvelope,
  type EventMetadata,
  type Instant,
} from '@invoice-engine/kernel';

/** The message being handled: every event and message it leads to names it as their cause. */
export interface Causation {
  readonly messageId: string;
  readonly runId: string;
  readonly groupingKey: string;
  readonly occurredAt: Instant;
  readonly producer: string;
}

export const DOMAIN_EVENT_SCHEMA_VERSION = 1;

export function metadataOf(causation: Causation): EventMetadata {
  return {
    correlationId: causation.runId,
    causationId: causation.messageId,
    groupingKey: causation.groupingKey,
    runId: causation.runId,
    occurredAt: causation.occurredAt,
    producer: causation.producer,
  };
}

/**
 * Domain events as store envelopes. Ids come from the causing message, the stream, the type and the
 * position in the batch, so handling the same message again writes the same ids (an idempotent append).
 */
export function envelopesOf<Event extends DomainEvent>(
  stream: string,
  events: readonly Event[],
  causation: Causation,
): EventEnvelope<Event['type'], Event['data']>[] {
  return events.map((event, index) => ({
    messageId: deterministicId(causation.messageId, stream, event.type, String(index)),
    type: event.type,
    schemaVersion: DOMAIN_EVENT_SCHEMA_VERSION,
    data: event.data,
    metadata: metadataOf(causation),
  }));
}
