import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openReadModelDataSource, readModelSchemaOf } from './read-model-data-source';
import type { PostgresReadModelDatabase } from './read-model-database-options';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `read_models_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const database: PostgresReadModelDatabase = { kind: 'postgres', url, schema, poolSize: 4 };

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
});

describe('the PostgreSQL server the read models use', () => {
  it('round-trips a row through plain pg, numeric as exact text', async () => {
    const row = await withClient(async (client) => {
      await client.query('CREATE TEMPORARY TABLE probe (id text PRIMARY KEY, amount numeric(38,0) NOT NULL)');
      await client.query('INSERT INTO probe (id, amount) VALUES ($1, $2)', [
        'p1',
        '123456789012345678901234567890',
      ]);
      const result = await client.query<{ id: string; amount: string }>('SELECT id, amount FROM probe');
      return result.rows;
    });

    expect(row).toEqual([{ id: 'p1', amount: '123456789012345678901234567890' }]);
  });
});

describe('a read-model data source on PostgreSQL', () => {
  let dataSource: DataSource | undefined;

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('creates its schema and the projection_checkpoints table by migration', async () => {
    dataSource = await openReadModelDataSource(database);

    const tables = await dataSource.query<{ table_name: string }[]>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(readModelSchemaOf(dataSource)).toBe(schema);
    expect(tables.map((table) => table.table_name)).toEqual([
      'projection_checkpoints',
      'read_model_migrations',
    ]);
  });

  it('round-trips a checkpoint row through a TypeORM transaction', async () => {
    const opened = dataSource ?? (await openReadModelDataSource(database));
    await opened.transaction((manager) =>
      manager.query(
        `INSERT INTO "${schema}".projection_checkpoints (projection_name, position) VALUES ($1, $2)`,
        ['probe', '18446744073709551615'],
      ),
    );

    const rows = await opened.query<{ position: string }[]>(
      `SELECT position FROM "${schema}".projection_checkpoints WHERE projection_name = $1`,
      ['probe'],
    );
    expect(rows).toEqual([{ position: '18446744073709551615' }]);
  });

  it('applies each migration once, however often replicas open it', async () => {
    const [first, second] = await Promise.all([
      openReadModelDataSource(database),
      openReadModelDataSource(database),
    ]);
    await Promise.all([first.destroy(), second.destroy()]);

    const applied = await withClient((client) =>
      client.query(`SELECT name FROM "${schema}".read_model_migrations`),
    );
    expect(applied.rows).toEqual([{ name: 'CreateProjectionCheckpoints1767225600000' }]);
  });
});
