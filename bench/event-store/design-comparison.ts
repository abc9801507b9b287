// Why the design is what it is, measured: (1) the gap problem is real: a reader that simply follows
// positions misses events that the store's subscription delivers; (2) the alternative fix, one global
// advisory lock per append (positions then commit in order), costs throughput because it stops
// PostgreSQL from flushing concurrent commits together.
import { PgPoolConnection, PostgresEventStore, type ExpectedRevision } from '@invoice-engine/event-store';
import type { PoolConfig } from 'pg';
import { benchEvents, rate } from './bench-events';

const writers = 8;

async function writeConcurrently(
  store: PostgresEventStore,
  batchSize: number,
  steps: number,
): Promise<string[]> {
  const written = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const ids: string[] = [];
      let revision: ExpectedRevision = 'no-stream';
      for (let step = 0; step < steps; step += 1) {
        const events = benchEvents(batchSize);
        revision = (await store.append(`invoice-compare${batchSize}x${writer}`, events, revision))
          .nextExpectedRevision;
        ids.push(...events.map((event) => event.messageId));
      }
      return ids;
    }),
  );
  return written.flat();
}

/** Follows `position > checkpoint` with no horizon: what most first attempts do. */
function naiveReader(sql: PgPoolConnection, schema: string): { stop: () => Promise<Set<string>> } {
  const seen = new Set<string>();
  let running = true;
  const loop = (async () => {
    let after = 0n;
    while (running) {
      const rows = await sql.query<{ position: string; event_id: string }>(
        `SELECT position::text AS position, event_id::text AS event_id FROM "${schema}".events
          WHERE position > $1 ORDER BY events.position LIMIT 1000`,
        [after.toString()],
      );
      rows.forEach((row) => seen.add(row.event_id));
      const last = rows[rows.length - 1];
      if (last) after = BigInt(last.position);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

async function withStore(
  connection: PoolConfig,
  schema: string,
  work: (store: PostgresEventStore) => Promise<void>,
) {
  const store = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: writers + 2 }), {
    schema,
    closeConnection: true,
  });
  try {
    await store.migrate();
    await work(store);
  } finally {
    await store.close();
  }
}

export async function compareDesigns(connection: PoolConfig, schema: string): Promise<void> {
  const admin = PgPoolConnection.open({ ...connection, max: 2 });
  try {
    await withStore(connection, `${schema}_gap`, async (store) => {
      const delivered = new Set<string>();
      const subscription = store.subscribeToAll({
        from: 'start',
        onEvents: (batch) => {
          batch.events.forEach((event) => delivered.add(event.messageId));
          return Promise.resolve();
        },
      });
      const naive = naiveReader(admin, `${schema}_gap`);
      const written = [
        ...(await writeConcurrently(store, 1, 300)),
        ...(await writeConcurrently(store, 50, 40)),
      ];
      // Delivery waits for every transaction of the cluster that was running when the subscriber
      // looked (the visibility horizon): other work's long transactions delay it, they do not make
      // it skip. So wait for it (30 s at most) before counting; the naive reader gets the same time.
      const waitedSince = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      while (delivered.size < written.length && Date.now() - waitedSince < 30_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const naiveSeen = await naive.stop();
      await subscription.stop();
      const missedBy = (seen: Set<string>) => written.filter((id) => !seen.has(id)).length;
      console.log(
        `${'gap: naive position reader missed'.padEnd(46)} ${missedBy(naiveSeen)} of ${written.length} events`,
      );
      console.log(
        `${'gap: store subscription missed'.padEnd(46)} ${missedBy(delivered)} of ${written.length} events`,
      );
    });
    await withStore(connection, `${schema}_locked`, async (store) => {
      const [definition] = await admin.query<{ sql: string }>(
        `SELECT pg_get_functiondef(p.oid) AS sql FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = $1 AND p.proname = 'append_to_streams'`,
        [`${schema}_locked`],
      );
      if (!definition) throw new Error('append_to_streams not found');
      await admin.query(definition.sql.replace(/\bBEGIN\b/, 'BEGIN PERFORM pg_advisory_xact_lock(4242);'));
      for (const batchSize of [1, 100]) {
        const startedAt = process.hrtime.bigint();
        const written = await writeConcurrently(store, batchSize, batchSize === 1 ? 300 : 40);
        console.log(
          `${`with a global append lock: ${batchSize}-event appends`.padEnd(46)} ${rate(written.length, startedAt)}`,
        );
      }
    });
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}_gap" CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}_locked" CASCADE`);
    await admin.close();
  }
}
