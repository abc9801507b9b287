import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type StreamAppend,
  type StreamRevision,
} from '../event-store.port';
import type { SqlQueryable } from '../sql/sql-connection';
import type { EventStoreSchema } from './event-store-schema';

export interface IndexedAppend extends StreamAppend {
  /** Position of this append in the caller's `appendMany` list. */
  readonly index: number;
}

export interface Resolutions {
  /** Idempotent retries: the events are already there, exactly as this append would write them. */
  readonly written: ReadonlyMap<number, AppendResult>;
  /** Appends that still fit their stream (the batch was rejected because of another stream). */
  readonly appendable: readonly IndexedAppend[];
}

interface StoredEventRow {
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly position: string;
}

/** Explains a rejected batch, stream by stream; throws the first genuine conflict. */
export async function resolveRejectedAppends(
  sql: SqlQueryable,
  schema: EventStoreSchema,
  appends: readonly IndexedAppend[],
): Promise<Resolutions> {
  const headRows = await sql.query<{ stream_id: string; head: string | null }>(
    `SELECT r.stream_id,
            (SELECT max(e.revision) FROM ${schema.qualifier}events e WHERE e.stream_id = r.stream_id)::text AS head
       FROM unnest($1::text[]) AS r(stream_id)`,
    [appends.map((append) => append.stream)],
  );
  const storedRows = await sql.query<StoredEventRow>(
    `SELECT event_id::text AS event_id, stream_id, revision::text AS revision, position::text AS position
       FROM ${schema.qualifier}events WHERE event_id = ANY($1::uuid[])`,
    [appends.flatMap((append) => append.events.map((event) => event.messageId))],
  );
  const heads = new Map<string, StreamRevision | 'no-stream'>(
    headRows.map((row) => [row.stream_id, row.head === null ? 'no-stream' : BigInt(row.head)]),
  );
  const stored = new Map(storedRows.map((row) => [row.event_id, row]));
  const written = new Map<number, AppendResult>();
  const appendable: IndexedAppend[] = [];
  for (const append of appends) {
    const head = heads.get(append.stream) ?? 'no-stream';
    const found = append.events.map((event) => stored.get(event.messageId.toLowerCase()));
    const fits = append.expectedRevision === 'any' || append.expectedRevision === head;
    const previous = previousWrite(append, found);
    if (previous) written.set(append.index, previous);
    else if (!fits) throw new WrongExpectedRevisionError(append.stream, append.expectedRevision, head);
    else if (found.some((row) => row !== undefined)) {
      throw new DuplicateEventIdError(
        append.stream,
        found.flatMap((row) => (row ? [row.event_id] : [])),
      );
    } else appendable.push(append);
  }
  return { written, appendable };
}

/** The result of the earlier append when every event sits in this stream, in order, where expected. */
function previousWrite(
  append: IndexedAppend,
  found: readonly (StoredEventRow | undefined)[],
): AppendResult | undefined {
  const first = found[0];
  const last = found[found.length - 1];
  if (!first || !last) return undefined;
  const firstRevision = BigInt(first.revision);
  const inPlace = found.every(
    (row, offset) =>
      row !== undefined &&
      row.stream_id === append.stream &&
      BigInt(row.revision) === firstRevision + BigInt(offset),
  );
  if (!inPlace || !startsWhereExpected(append.expectedRevision, firstRevision)) return undefined;
  return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
}

function startsWhereExpected(expected: ExpectedRevision, firstRevision: StreamRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return firstRevision === 0n;
  return firstRevision === expected + 1n;
}
