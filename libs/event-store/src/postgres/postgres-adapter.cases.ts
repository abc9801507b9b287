import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { events, messageIds, uniqueCategory } from '../contract/contract-fixtures';
import type { EventStore, RecordedEvent } from '../event-store.port';
import type { SqlConnection } from '../sql/sql-connection';
import { eventStoreSchema } from './event-store-schema';
import { migrateEventStore } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

/** A connection to the database under test; `close()` releases what this call opened. */
export type OpenSqlConnection = () => SqlConnection;

/** Long enough that only a notification can wake an idle subscriber within a test. */
const noPolling = 3_600_000;

function uniqueSchema(): string {
  return `event_store_case_${randomBytes(5).toString('hex')}`;
}

/** Subscribes to one category and lets the test wait until a number of events have arrived. */
function follow(store: EventStore, category: string) {
  const delivered: RecordedEvent[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const subscription = store.subscribeToAll({
    from: 'start',
    filter: { streamCategories: [category] },
    onEvents: (batch) => {
      delivered.push(...batch.events);
      waiters.filter((waiter) => delivered.length >= waiter.count).forEach((waiter) => waiter.resolve());
      return Promise.resolve();
    },
  });
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      if (delivered.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
  return { delivered, received, subscription };
}

/**
 * The reader's LISTEN starts in the background, and a notification sent before it is lost (in
 * production the poll covers that). Waits until the database shows the listener: on PostgreSQL, its
 * session's last statement; on PGlite, the one session's channels.
 */
async function listenerUp(sql: SqlConnection, channel: string): Promise<boolean> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const [row] = await sql.query<{ up: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_listening_channels() c WHERE c = $1)
           OR EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.query = 'LISTEN "' || $1 || '"') AS up`,
      [channel],
    );
    if (row?.up) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Waits for `count` events, at most `waitMs` (then the caller's assertion shows what is missing). */
async function receivedWithin(follower: ReturnType<typeof follow>, count: number, waitMs = 20_000) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    follower.received(count),
    new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
  return messageIds(follower.delivered);
}

/**
 * What only the PostgreSQL adapter promises (on PostgreSQL and PGlite alike): schema upgrades of an
 * existing database, and subscribers woken by a notification after each append.
 */
export function describePostgresAdapter(
  name: string,
  openConnection: OpenSqlConnection,
  { concurrentTransactions }: { readonly concurrentTransactions: boolean },
): void {
  describe(`${name} adapter`, () => {
    // PGlite runs one transaction at a time: nothing can stay open beside an append there.
    (concurrentTransactions ? describe : describe.skip)('when an unrelated transaction stays open', () => {
      it('delivers appends without waiting for it to end', async () => {
        const writerConnection = openConnection();
        const unrelatedConnection = openConnection();
        const schema = uniqueSchema();
        const writer = new PostgresEventStore(writerConnection, { schema });
        try {
          await writer.migrate();
          const category = uniqueCategory();
          const follower = follow(writer, category);
          const appended = events(3);
          const delivered = await unrelatedConnection.transaction(async (unrelated) => {
            await unrelated.query('SELECT pg_current_xact_id()');
            await writer.append(`${category}-1`, appended, 'no-stream');
            return receivedWithin(follower, appended.length);
          });
          await follower.subscription.stop();
          expect(delivered).toEqual(messageIds(appended));
        } finally {
          await writer.close();
          await writerConnection.query(`DROP SCHEMA "${schema}" CASCADE`);
          await writerConnection.close();
          await unrelatedConnection.close();
        }
      });
    });

    describe('when a database written by migration 1 is migrated', () => {
      it('keeps its streams appendable, recognises retries of old appends, and drops the trigger', async () => {
        const sql = openConnection();
        const schema = eventStoreSchema(uniqueSchema());
        const store = new PostgresEventStore(sql, { schema: schema.name });
        try {
          expect(await migrateEventStore(sql, schema, 1)).toEqual([1]);
          const stream = `${uniqueCategory()}-1`;
          const old = events(2);
          const incoming = old.map((event, index) => ({
            ordinal: index + 1,
            stream_id: stream,
            event_id: event.messageId,
            type: event.type,
            schema_version: event.schemaVersion,
            data: event.data,
            metadata: event.metadata,
          }));
          await sql.query(`SELECT * FROM ${schema.qualifier}append_events($1::jsonb, $2::jsonb)`, [
            JSON.stringify(incoming),
            JSON.stringify([{ stream_id: stream, expected: '-1' }]),
          ]);

          expect(await store.migrate()).toEqual([2, 3]);
          expect(await store.migrate()).toEqual([]);
          const retried = await store.append(stream, old, 'no-stream');
          const appended = await store.append(stream, events(2), 1n);

          const read = await store.readStream(stream);
          expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
          expect(retried).toEqual({ nextExpectedRevision: 1n, position: read[1]?.position });
          expect(appended).toEqual({ nextExpectedRevision: 3n, position: read[3]?.position });
          const triggers = await sql.query<{ count: string }>(
            `SELECT count(*)::text AS count FROM pg_trigger t
               JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND NOT t.tgisinternal`,
            [schema.name],
          );
          expect(triggers).toEqual([{ count: '0' }]);
        } finally {
          await store.close();
          await sql.query(`DROP SCHEMA ${schema.qualifier.slice(0, -1)} CASCADE`);
          await sql.close();
        }
      });
    });

    describe('when the subscriber of another store polls only once an hour', () => {
      it('is woken by the notification sent after an append, and after appends committing together', async () => {
        const writerConnection = openConnection();
        const readerConnection = openConnection();
        const schema = uniqueSchema();
        const writer = new PostgresEventStore(writerConnection, { schema });
        const reader = new PostgresEventStore(readerConnection, { schema, pollIntervalMs: noPolling });
        try {
          await writer.migrate();
          const category = uniqueCategory();
          const follower = follow(reader, category);
          expect(await listenerUp(writerConnection, `${schema}_events_appended`)).toBe(true);
          // Gives the subscriber's first read time to find nothing, so that it sleeps for its hour.
          await new Promise((resolve) => setTimeout(resolve, 200));
          const idle = events(1);
          await writer.append(`${category}-idle`, idle, 'no-stream');
          expect(await receivedWithin(follower, 1)).toEqual(messageIds(idle));

          const writers = 4;
          const appendsPerWriter = 25;
          const written = await Promise.all(
            Array.from({ length: writers }, async (_, index) => {
              const ids: string[] = [];
              for (let step = 0; step < appendsPerWriter; step += 1) {
                const appended = events(1);
                await writer.append(`${category}-w${index}`, appended, 'any');
                ids.push(...messageIds(appended));
              }
              return ids;
            }),
          );
          const delivered = await receivedWithin(follower, 1 + writers * appendsPerWriter);
          await follower.subscription.stop();
          expect(new Set(delivered)).toEqual(new Set([...messageIds(idle), ...written.flat()]));
        } finally {
          await reader.close();
          await writer.close();
          await writerConnection.query(`DROP SCHEMA "${schema}" CASCADE`);
          await writerConnection.close();
          await readerConnection.close();
        }
      });
    });
  });
}
