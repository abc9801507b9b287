// Test-only: a real PostgreSQL event store and read-model database in fresh schemas of db `test`.
import { PgPoolConnection, PostgresEventStore, type GlobalPosition } from '@invoice-engine/event-store';
import { deterministicId, instant, type DomainEvent, type EventEnvelope } from '@invoice-engine/kernel';
import { openReadModelDataSource, startProjection, type Projection } from '@invoice-engine/read-models';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { billingReadModelParts } from '../migrations/billing-read-model-migrations';

export const testDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabases {
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  readonly readModelSchema: string;
  readonly eventStoreSchema: string;
  close(): Promise<void>;
}

export async function openTestDatabases(prefix: string): Promise<TestDatabases> {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
  const readModelSchema = `${prefix}_rm_${suffix}`;
  const eventStoreSchema = `${prefix}_es_${suffix}`;
  const dataSource = await openReadModelDataSource(
    { kind: 'postgres', url: testDatabaseUrl, schema: readModelSchema, poolSize: 4 },
    billingReadModelParts,
  );
  const store = new PostgresEventStore(PgPoolConnection.open({ connectionString: testDatabaseUrl, max: 4 }), {
    schema: eventStoreSchema,
    closeConnection: true,
    pollIntervalMs: 20,
  });
  await store.migrate();
  return {
    store,
    dataSource,
    readModelSchema,
    eventStoreSchema,
    async close() {
      await store.close();
      await dataSource.query(`DROP SCHEMA "${readModelSchema}" CASCADE`);
      await dataSource.query(`DROP SCHEMA "${eventStoreSchema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** Domain events as the application layer appends them: deterministic ids, explicit metadata. */
export function envelopesOf(stream: string, events: readonly DomainEvent[]): EventEnvelope[] {
  return events.map((event, index) => ({
    messageId: deterministicId(stream, event.type, String(index)),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: {
      correlationId: 'correlation-1',
      causationId: 'test',
      groupingKey: null,
      runId: null,
      occurredAt: instant('2026-03-01T06:00:00.000Z'),
      producer: 'billing-read-models-test',
    },
  }));
}

export async function appendHistory(
  store: PostgresEventStore,
  stream: string,
  events: readonly DomainEvent[],
): Promise<GlobalPosition> {
  const result = await store.append(stream, envelopesOf(stream, events), 'no-stream');
  return result.position;
}

/** Runs the projection from its checkpoint until it has applied `position`, then stops it. */
export async function runProjectionUntil(
  databases: TestDatabases,
  projection: Projection,
  position: GlobalPosition,
): Promise<void> {
  let reached: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (reached = resolve));
  const subscription = await startProjection(databases.dataSource, databases.store, projection, {
    batchSize: 7,
    onApplied: (applied) => applied.checkpoint >= position && reached(),
  });
  await Promise.race([caughtUp, subscription.finished]);
  await subscription.stop();
}

/** Every row of the tables, in a stable order, for before/after comparisons. */
export async function tableContents(dataSource: DataSource, schema: string, tables: readonly string[]) {
  const contents: Record<string, unknown[]> = {};
  for (const table of tables) {
    contents[table] = await dataSource.query(`SELECT * FROM "${schema}"."${table}" ORDER BY 1, 2`);
  }
  return contents;
}
