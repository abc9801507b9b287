import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The schemas one end-to-end test (or bench run) owns: nothing else reads or writes them. */
export interface TestSchemas {
  readonly eventStore: string;
  readonly readModels: string;
  readonly invoiceNumbers: string;
}

/** Fresh lower-case schema names (`e2e_<label>_<random>_es`, `…_rm`, `…_inv`), valid SQL identifiers. */
export function uniqueSchemas(label: string): TestSchemas {
  const base = `${label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30)}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  return { eventStore: `${base}_es`, readModels: `${base}_rm`, invoiceNumbers: `${base}_inv` };
}

export const TEST_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function openTestPool(databaseUrl = TEST_DATABASE_URL, max = 4): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops the test's schemas with everything in them. */
export async function dropSchemas(pool: Pool, schemas: TestSchemas): Promise<void> {
  for (const schema of [schemas.eventStore, schemas.readModels, schemas.invoiceNumbers]) {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}
