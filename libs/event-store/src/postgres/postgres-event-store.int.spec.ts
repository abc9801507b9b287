import { afterAll, beforeAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { PgPoolConnection } from '../sql/pg-pool-connection';
import { describePostgresAdapter } from './postgres-adapter.cases';
import { PostgresEventStore } from './postgres-event-store';

// A schema of its own per run, so that parallel runs (and other test files) never share events.
const schema = `event_store_test_${process.pid}_${randomBytes(3).toString('hex')}`;
const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', max: 12 };

beforeAll(async () => {
  const store = new PostgresEventStore(PgPoolConnection.open({ ...connection, max: 1 }), {
    schema,
    closeConnection: true,
  });
  await store.migrate();
  await store.close();
}, 60_000);

afterAll(async () => {
  const admin = PgPoolConnection.open({ ...connection, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.close();
}, 60_000);

describeEventStoreContract('PostgreSQL', async () => {
  const store = new PostgresEventStore(PgPoolConnection.open(connection), { schema, closeConnection: true });
  await store.migrate();
  return store;
});

describePostgresAdapter('PostgreSQL', () => PgPoolConnection.open({ ...connection, max: 4 }), {
  concurrentTransactions: true,
});
