import { reviveBigIntsInPlace, type EventMetadata } from '@invoice-engine/kernel';
import type { RecordedEvent } from '../event-store.port';

/**
 * Columns selected for a recorded event from `events e`; bigints travel as text so that `pg` and
 * PGlite agree. The aliases shadow the columns in ORDER BY, so sort by `e.position`, never `position`.
 */
export const recordedEventColumns = `e.position::text AS position, e.stream_id, e.revision::text AS revision,
  e.event_id::text AS event_id, e.type, e.schema_version, e.data, e.metadata`;

export interface RecordedEventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export function toRecordedEvent(row: RecordedEventRow): RecordedEvent {
  return {
    messageId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    // The row's data was just parsed for this read: revived where it is, not copied.
    data: reviveBigIntsInPlace(row.data),
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
  };
}
