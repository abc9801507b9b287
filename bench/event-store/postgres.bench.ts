// Throughput and latency of the PostgreSQL event store. Run:
//   node -r @swc-node/register bench/event-store/postgres.bench.ts
// Uses PostgreSQL on 127.0.0.1:5432 (db `test`, user `postgres`, or PG* variables) and a throwaway schema.
import {
  PgPoolConnection,
  PostgresEventStore,
  type EventStore,
  type ExpectedRevision,
} from '@invoice-engine/event-store';
import { loadavg } from 'node:os';
import { benchEvents, percentile, rate } from './bench-events';
import { compareDesigns } from './design-comparison';

const connection = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: Number(process.env['PGPORT'] ?? 5432),
  user: process.env['PGUSER'] ?? 'postgres',
  database: process.env['PGDATABASE'] ?? 'test',
};
const writers = 8;
const schema = `event_store_bench_${process.pid}`;

function openStore(max = writers + 2): PostgresEventStore {
  return new PostgresEventStore(PgPoolConnection.open({ ...connection, max }), {
    schema,
    closeConnection: true,
  });
}

/** `writers` concurrent writers, each calling `appendOnce(writer, step)` `steps` times; returns events/s text. */
async function concurrently(
  label: string,
  steps: number,
  appendOnce: (writer: number, step: number) => Promise<number>,
): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let written = 0;
      for (let step = 0; step < steps; step += 1) written += await appendOnce(writer, step);
      return written;
    }),
  );
  console.log(
    `${label.padEnd(46)} ${rate(
      counts.reduce((sum, count) => sum + count, 0),
      startedAt,
    )}`,
  );
}

async function appends(store: EventStore, run: string): Promise<void> {
  const revisions = new Map<string, ExpectedRevision>();
  const appendTo = async (stream: string, count: number): Promise<number> => {
    const result = await store.append(stream, benchEvents(count), revisions.get(stream) ?? 'no-stream');
    revisions.set(stream, result.nextExpectedRevision);
    return count;
  };
  await concurrently(`single-event appends, ${writers} writers`, 500, (writer) =>
    appendTo(`invoice-${run}single${writer}`, 1),
  );
  await concurrently(`100-event batches, ${writers} writers`, 60, (writer) =>
    appendTo(`invoice-${run}batch${writer}`, 100),
  );
  await concurrently(`appendMany 20 streams x 10 events, ${writers} writers`, 30, async (writer, step) => {
    const batch = Array.from({ length: 20 }, (_, index) => ({
      stream: `invoice-${run}many${writer}x${step}x${index}`,
      events: benchEvents(10),
      expectedRevision: 'no-stream' as const,
    }));
    await store.appendMany(batch);
    return 200;
  });
}

async function catchUp(total: number): Promise<void> {
  const store = openStore(2);
  const startedAt = process.hrtime.bigint();
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribeToAll({
      from: 'start',
      batchSize: 1000,
      onEvents: async (batch) => {
        seen += batch.events.length;
        if (seen >= total) resolve();
        return Promise.resolve();
      },
    });
    subscription.finished.catch(reject);
  });
  console.log(`${'catch-up subscription (batches of 1000)'.padEnd(46)} ${rate(seen, startedAt)}`);
  await store.close();
}

async function idleLatency(writer: EventStore, from: bigint, samples: number): Promise<void> {
  const subscriber = openStore(2);
  const sentAt = new Map<string, bigint>();
  const latenciesMs: number[] = [];
  let head: bigint | undefined;
  const subscription = subscriber.subscribeToAll({
    from: { after: from },
    batchSize: 1000,
    onEvents: (batch) => {
      const now = process.hrtime.bigint();
      for (const event of batch.events) {
        const sent = sentAt.get(event.messageId);
        if (sent !== undefined) latenciesMs.push(Number(now - sent) / 1e6);
      }
      head = batch.checkpoint;
      return Promise.resolve();
    },
  });
  // A first event tells that the subscriber is live (and the figures below measure only idle delivery).
  await writer.append(`invoice-latency${process.pid}`, benchEvents(1), 'any');
  while (head === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  for (let sample = 0; sample < samples; sample += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 20));
    const [event] = benchEvents(1);
    if (!event) break;
    sentAt.set(event.messageId, process.hrtime.bigint());
    await writer.append(`invoice-latency${process.pid}`, [event], 'any');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await subscription.stop();
  await subscriber.close();
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const line = `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(1)} ms`;
  console.log(`${`idle subscriber delivery latency (${sorted.length} samples)`.padEnd(46)} ${line}`);
}

/** The figures depend on what else runs on the machine: print the load averages with them. */
function machineLoad(): string {
  return `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}`;
}

async function main(): Promise<void> {
  const store = openStore();
  const admin = PgPoolConnection.open({ ...connection, max: 1 });
  await store.migrate();
  try {
    console.log(`PostgreSQL event store bench, schema ${schema}, ${machineLoad()}`);
    await appends(store, 'a');
    const [{ count, last } = { count: '0', last: '0' }] = await admin.query<{ count: string; last: string }>(
      `SELECT count(*)::text AS count, coalesce(max(position), 0)::text AS last FROM "${schema}".events`,
    );
    await catchUp(Number(count));
    await idleLatency(store, BigInt(last), 200);
    await compareDesigns(connection, schema);
    console.log(`done, ${machineLoad()}`);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
