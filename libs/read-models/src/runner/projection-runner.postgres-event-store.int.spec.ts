import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgPoolConnection, PostgresEventStore, type GlobalPosition } from '@invoice-engine/event-store';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readModelMigrations } from '../migrations/read-model-migrations';
import { openReadModelDataSource } from '../read-model-data-source';
import { startProjection } from './run-projection';
import {
  CreateStreamActivity1767225700000,
  ProbeEventType,
  streamActivityProjection,
} from './stream-activity.projection.fixture';

const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
const readModelSchema = `projections_${suffix}`;
const eventStoreSchema = `events_${suffix}`;
const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', max: 4 };
let dataSource: DataSource;
let store: PostgresEventStore;

beforeAll(async () => {
  dataSource = await openReadModelDataSource(
    {
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
      schema: readModelSchema,
      poolSize: 4,
    },
    { migrations: [...readModelMigrations, CreateStreamActivity1767225700000], entities: [] },
  );
  store = new PostgresEventStore(PgPoolConnection.open(connection), {
    schema: eventStoreSchema,
    closeConnection: true,
  });
  await store.migrate();
});

afterAll(async () => {
  await store.close();
  await dataSource.query(`DROP SCHEMA "${readModelSchema}" CASCADE`);
  await dataSource.query(`DROP SCHEMA "${eventStoreSchema}" CASCADE`);
  await dataSource.destroy();
});

function probe(type: string): EventEnvelope {
  return {
    messageId: randomUUID(),
    type,
    schemaVersion: 1,
    data: {},
    metadata: {
      correlationId: 'run-1',
      causationId: 'command-1',
      groupingKey: null,
      runId: 'run-1',
      occurredAt: instant('2026-01-01T00:00:00.000Z'),
      producer: 'read-models-test',
    },
  };
}

describe('a projection fed by the PostgreSQL event store', () => {
  it('catches up on past events, then applies new ones live, and its rows carry the store positions', async () => {
    const opened = await store.append(
      'invoice-1',
      [probe(ProbeEventType.Opened), probe('Unrelated')],
      'no-stream',
    );
    let checkpoint: GlobalPosition = 0n;
    let reached: (position: GlobalPosition) => void = () => undefined;
    const subscription = await startProjection(dataSource, store, streamActivityProjection, {
      batchSize: 50,
      onApplied: (applied) => {
        checkpoint = applied.checkpoint;
        reached(checkpoint);
      },
    });
    const waitFor = (position: GlobalPosition) =>
      checkpoint >= position
        ? Promise.resolve()
        : new Promise<void>((resolve) => (reached = (at) => at >= position && resolve()));

    const [openedEvent] = await store.readStream('invoice-1');
    await waitFor(openedEvent?.position ?? opened.position);
    const touched = await store.append(
      'invoice-1',
      [probe(ProbeEventType.Touched)],
      opened.nextExpectedRevision,
    );
    await waitFor(touched.position);
    await subscription.stop();

    const rows = await dataSource.query<unknown[]>(
      `SELECT stream_id, last_event_type, last_revision::text, last_position::text FROM "${readModelSchema}".stream_activity`,
    );
    expect(rows).toEqual([
      {
        stream_id: 'invoice-1',
        last_event_type: 'ProbeTouched',
        last_revision: '2',
        last_position: touched.position.toString(),
      },
    ]);
  }, 60_000);
});
