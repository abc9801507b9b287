import {
  InvalidAppendError,
  type AppendResult,
  type ExpectedRevision,
  type StreamAppend,
} from '../event-store.port';
import { SqlState, sqlStateOf, type SqlQueryable } from '../sql/sql-connection';
import type { EventStoreSchema } from './event-store-schema';
import { incomingEventsJson } from './incoming-events-json';
import { resolveRejectedAppends, type IndexedAppend } from './resolve-rejected-appends';

/** An append rejected by the expected-revision check or a duplicate event id: resolved, then retried. */
const maxAttempts = 4;

/**
 * Appends to one or many streams atomically in one round trip (the `append_to_streams` function). When
 * the database rejects the batch, finds out per stream whether it is an idempotent retry (already
 * written: return the first result), a genuine conflict (throw), or still appendable (retry those).
 */
export async function appendEvents(
  sql: SqlQueryable,
  schema: EventStoreSchema,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> {
  assertWellFormed(appends);
  const results = new Map<number, AppendResult>();
  let pending: readonly IndexedAppend[] = appends.map((append, index) => ({ ...append, index }));
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > maxAttempts) throw new Error(`Append still contended after ${maxAttempts} attempts`);
    const written = await tryAppend(sql, schema, pending);
    if (written) {
      written.forEach((result, index) => results.set(index, result));
      break;
    }
    const resolutions = await resolveRejectedAppends(sql, schema, pending);
    resolutions.written.forEach((result, index) => results.set(index, result));
    pending = resolutions.appendable;
  }
  return appends.map((_, index) => {
    const result = results.get(index);
    if (!result) throw new Error(`No append result for stream ${appends[index]?.stream ?? index}`);
    return result;
  });
}

function assertWellFormed(appends: readonly StreamAppend[]): void {
  const streams = new Set<string>();
  for (const append of appends) {
    if (append.events.length === 0)
      throw new InvalidAppendError(`Append to "${append.stream}" has no events`);
    if (streams.has(append.stream)) throw new InvalidAppendError(`Stream "${append.stream}" appears twice`);
    if (typeof append.expectedRevision === 'bigint' && append.expectedRevision < 0n) {
      throw new InvalidAppendError(`Expected revision of "${append.stream}" is negative`);
    }
    streams.add(append.stream);
  }
}

function encodeExpected(expected: ExpectedRevision): string {
  if (expected === 'any') return '-2';
  if (expected === 'no-stream') return '-1';
  return expected.toString();
}

interface AppendedRow {
  readonly appended_stream_id: string;
  readonly appended_revision: string;
  readonly appended_position: string;
}

/** Results keyed by append index, or undefined when the database rejected the whole batch. */
async function tryAppend(
  sql: SqlQueryable,
  schema: EventStoreSchema,
  pending: readonly IndexedAppend[],
): Promise<Map<number, AppendResult> | undefined> {
  const requests = pending.map((append) => ({
    stream_id: append.stream,
    expected: encodeExpected(append.expectedRevision),
  }));
  let rows: readonly AppendedRow[];
  try {
    rows = await sql.query<AppendedRow>(
      `SELECT appended_stream_id, appended_revision::text AS appended_revision,
              appended_position::text AS appended_position
         FROM ${schema.qualifier}append_to_streams($1::jsonb, $2::jsonb)`,
      [incomingEventsJson(pending), JSON.stringify(requests)],
    );
  } catch (error) {
    if (sqlStateOf(error) === SqlState.UniqueViolation) return undefined;
    throw error;
  }
  // One row per stream (its last event), or none when an expected revision did not match.
  if (rows.length !== pending.length) return undefined;
  const rowOfStream = new Map(rows.map((row) => [row.appended_stream_id, row]));
  return new Map(
    pending.map((append) => {
      const row = rowOfStream.get(append.stream);
      if (!row) throw new Error(`The database appended nothing to "${append.stream}"`);
      return [
        append.index,
        { nextExpectedRevision: BigInt(row.appended_revision), position: BigInt(row.appended_position) },
      ];
    }),
  );
}
