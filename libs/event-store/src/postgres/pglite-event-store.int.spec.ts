import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from '@jest/globals';
import { Module } from 'node:module';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { PgliteConnection } from '../sql/pglite-connection';
import { describePostgresAdapter } from './postgres-adapter.cases';
import { PostgresEventStore } from './postgres-event-store';

/**
 * PGlite loads parts of itself with a dynamic `import()`, which Jest's module sandbox refuses without
 * `--experimental-vm-modules`. Loading it through Node's own loader keeps it out of the sandbox; the
 * adapter under test only uses its type.
 */
function loadPglite(): typeof import('@electric-sql/pglite') {
  const nodeLoader = Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown };
  return nodeLoader._load(
    require.resolve('@electric-sql/pglite'),
    null,
    false,
  ) as typeof import('@electric-sql/pglite');
}

// In memory, no network: the embedded mode's database. One connection, so a lighter concurrency load.
let database: PGlite | undefined;

beforeAll(async () => {
  database = await loadPglite().PGlite.create();
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describeEventStoreContract(
  'PGlite',
  async () => {
    const store = new PostgresEventStore(new PgliteConnection(database!), { schema: 'event_store' });
    await store.migrate();
    return store;
  },
  { concurrency: { writers: 4, eventsPerWriter: 500 } },
);

describePostgresAdapter('PGlite', () => new PgliteConnection(database!), { concurrentTransactions: false });
