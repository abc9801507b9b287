// What the advisory lock in append_events costs and what it buys: the same store with the lock
// removed, measured for throughput, and watched by a live subscriber that counts the events it never
// receives (the gap problem: a position committed after the subscriber moved past it).
import { PgPoolConnection, PostgresEventStore, type ExpectedRevision } from '@invoice-engine/event-store';
import type { PoolConfig } from 'pg';
import { benchEvents, rate } from './bench-events';

const writers = 8;

async function removeSerialization(admin: PgPoolConnection, schema: string): Promise<void> {
  const [definition] = await admin.query<{ sql: string }>(
    `SELECT pg_get_functiondef(p.oid) AS sql FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = 'append_events'`,
    [schema],
  );
  if (!definition?.sql.includes('pg_advisory_xact_lock'))
    throw new Error('append_events has no lock to remove');
  await admin.query(definition.sql.replace(/PERFORM pg_advisory_xact_lock\([^)]*\);/, ''));
}

async function writeConcurrently(
  store: PostgresEventStore,
  label: string,
  batchSize: number,
  steps: number,
): Promise<string[]> {
  const startedAt = process.hrtime.bigint();
  const written = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const ids: string[] = [];
      let revision: ExpectedRevision = 'no-stream';
      for (let step = 0; step < steps; step += 1) {
        const events = benchEvents(batchSize);
        const stream = `invoice-${label.replace(/\W/g, '')}${writer}`;
        revision = (await store.append(stream, events, revision)).nextExpectedRevision;
        ids.push(...events.map((event) => event.messageId));
      }
      return ids;
    }),
  );
  const all = written.flat();
  console.log(`${`  without the lock: ${label}`.padEnd(46)} ${rate(all.length, startedAt)}`);
  return all;
}

export async function compareWithoutSerializedAppends(connection: PoolConfig, schema: string): Promise<void> {
  const admin = PgPoolConnection.open({ ...connection, max: 1 });
  const store = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: writers + 2 }), {
    schema,
    closeConnection: true,
  });
  const subscriber = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: 2 }), {
    schema,
    closeConnection: true,
  });
  try {
    await store.migrate();
    await removeSerialization(admin, schema);
    const delivered = new Set<string>();
    const subscription = subscriber.subscribeToAll({
      from: 'start',
      onEvents: (batch) => {
        batch.events.forEach((event) => delivered.add(event.messageId));
        return Promise.resolve();
      },
    });
    const written = [
      ...(await writeConcurrently(store, 'single-event appends', 1, 500)),
      ...(await writeConcurrently(store, '100-event batches', 100, 60)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await subscription.stop();
    const missed = written.filter((id) => !delivered.has(id)).length;
    console.log(
      `${'  without the lock: live subscriber missed'.padEnd(46)} ${missed} of ${written.length} events`,
    );
  } finally {
    await subscriber.close();
    await store.close();
    await admin.close();
  }
}
