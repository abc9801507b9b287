import { jsonEvent, type EventData, type JSONType } from '@eventstore/db-client';
import { instant, reviveBigInts, tagBigInts, type EventMetadata } from '@invoice-engine/kernel';
import { InvalidAppendError, type EventToAppend, type RecordedEvent } from '../event-store.port';

/**
 * The metadata stored with each event: the house envelope's metadata and schema version, plus
 * `$correlationId` and `$causationId`, which EventStoreDB's own projections and UI understand.
 */
export interface StoredMetadata {
  readonly schemaVersion: number;
  readonly correlationId: string;
  readonly causationId: string;
  readonly groupingKey: string | null;
  readonly runId: string | null;
  readonly occurredAt: string;
  readonly producer: string;
  readonly $correlationId: string;
  readonly $causationId: string;
}

/** EventStoreDB event ids are UUIDs; the house message ids are (UUID v5 from `deterministicId`). */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Envelope → client event. The message id becomes the event id, which is what makes retries idempotent. */
export function toEventData(envelope: EventToAppend): EventData {
  if (!uuidPattern.test(envelope.messageId)) {
    throw new InvalidAppendError(
      `Event id "${envelope.messageId}" is not a UUID, which EventStoreDB requires`,
    );
  }
  const { metadata } = envelope;
  const stored: StoredMetadata = {
    schemaVersion: envelope.schemaVersion,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    groupingKey: metadata.groupingKey,
    runId: metadata.runId,
    occurredAt: metadata.occurredAt,
    producer: metadata.producer,
    $correlationId: metadata.correlationId,
    $causationId: metadata.causationId,
  };
  return jsonEvent({
    id: envelope.messageId,
    type: envelope.type,
    data: jsonData(envelope),
    metadata: stored,
  });
}

function jsonData(envelope: EventToAppend): JSONType {
  const { data } = envelope;
  if (typeof data === 'string' || (typeof data === 'object' && data !== null))
    return tagBigInts(data) as JSONType;
  throw new InvalidAppendError(
    `Event ${envelope.messageId} (${envelope.type}) needs an object, array or string as data`,
  );
}

/** The parts of a client recorded event this adapter reads; a plain shape so mapping tests need no server. */
export interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: { readonly commit: bigint; readonly prepare: bigint };
}

/** Streams and event types EventStoreDB writes itself (`$stats-…`, `$>` links, `$metadata`, …). */
export function isSystemEvent(event: Pick<StoredEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/**
 * Client event → recorded event. The global position is the event's commit position: with no
 * explicit transactions (gRPC appends never use them) every event has its own, growing commit
 * position, so the commit position alone is a sound checkpoint.
 */
export function toRecordedEvent(event: StoredEvent): RecordedEvent {
  if (!event.isJson) throw new Error(`Event ${event.id} in "${event.streamId}" is not JSON`);
  if (event.position === undefined) {
    throw new Error(`EventStoreDB reported no $all position for event ${event.id} in "${event.streamId}"`);
  }
  const stored = storedMetadataOf(event);
  const metadata: EventMetadata = {
    correlationId: stored.correlationId,
    causationId: stored.causationId,
    groupingKey: stored.groupingKey,
    runId: stored.runId,
    occurredAt: instant(stored.occurredAt),
    producer: stored.producer,
  };
  return {
    messageId: event.id,
    type: event.type,
    schemaVersion: stored.schemaVersion,
    data: reviveBigInts(event.data),
    metadata,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.commit,
  };
}

function storedMetadataOf(event: StoredEvent): StoredMetadata {
  const value = event.metadata;
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const text = (key: string) => typeof record[key] === 'string';
  const textOrNull = (key: string) => record[key] === null || text(key);
  const valid =
    typeof record['schemaVersion'] === 'number' &&
    ['correlationId', 'causationId', 'occurredAt', 'producer'].every(text) &&
    ['groupingKey', 'runId'].every(textOrNull);
  if (!valid) throw new Error(`Event ${event.id} in "${event.streamId}" lacks the envelope metadata`);
  return record as unknown as StoredMetadata;
}
