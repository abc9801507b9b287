import { randomBytes } from 'node:crypto';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { createReadModelDataSource } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';

const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
export const TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The event store and the read-model data source of one test file, each in a schema of its own. */
export interface PipelineTestDatabase {
  readonly eventStore: PostgresEventStore;
  readonly dataSource: DataSource;
  readonly eventStoreSchema: string;
  readonly readModelSchema: string;
  close(): Promise<void>;
}

export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** Real PostgreSQL (db `test`), unique schemas per call, dropped again by `close()`. Test-only. */
export async function openPipelineTestDatabase(name: string): Promise<PipelineTestDatabase> {
  const eventStoreSchema = uniqueSchema(`es_${name}`);
  const readModelSchema = uniqueSchema(`rm_${name}`);
  const eventStore = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: 8 }), {
    schema: eventStoreSchema,
    closeConnection: true,
    pollIntervalMs: 50,
  });
  await eventStore.migrate();
  const dataSource = await createReadModelDataSource({
    kind: 'postgres',
    url: TEST_DATABASE_URL,
    schema: readModelSchema,
    poolSize: 4,
  }).initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${readModelSchema}"`);
  return {
    eventStore,
    dataSource,
    eventStoreSchema,
    readModelSchema,
    async close() {
      await eventStore.close();
      await dataSource.query(`DROP SCHEMA IF EXISTS "${readModelSchema}" CASCADE`);
      await dataSource.query(`DROP SCHEMA IF EXISTS "${eventStoreSchema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
