import { PgPoolConnection, PostgresEventStore, type EventStore } from '@invoice-engine/event-store';
import { randomBytes } from 'node:crypto';

export const testDatabase = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

export interface TestEventStore {
  readonly store: EventStore;
  readonly connection: PgPoolConnection;
  readonly schema: string;
  dispose(): Promise<void>;
}

/** The real PostgreSQL event store in a schema of its own (db `test`), dropped by `dispose`. */
export async function openTestEventStore(prefix: string): Promise<TestEventStore> {
  const schema = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const connection = PgPoolConnection.open({ ...testDatabase, max: 8 });
  const postgres = new PostgresEventStore(connection, { schema });
  await postgres.migrate();
  return {
    store: postgres,
    connection,
    schema,
    async dispose() {
      await postgres.close();
      await connection.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await connection.close();
    },
  };
}
