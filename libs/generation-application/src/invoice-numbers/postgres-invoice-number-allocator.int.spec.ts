import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgPoolConnection } from '@invoice-engine/event-store';
import { createReadModelDataSource } from '@invoice-engine/read-models';
import { randomBytes } from 'node:crypto';
import { Module } from 'node:module';
import { testDatabase } from '../test-support/postgres-event-store.fixture';
import { PostgresInvoiceNumberAllocator } from './postgres-invoice-number-allocator';

const schema = `invoice_numbers_${process.pid}_${randomBytes(3).toString('hex')}`;
let connection: PgPoolConnection;
let allocator: PostgresInvoiceNumberAllocator;

beforeAll(async () => {
  connection = PgPoolConnection.open({ ...testDatabase, max: 10 });
  allocator = new PostgresInvoiceNumberAllocator(connection, schema);
  await allocator.migrate();
});

afterAll(async () => {
  await connection.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await connection.close();
});

describe('invoice numbers in PostgreSQL', () => {
  it('numbers each legal entity on its own, increasing from 00000001', async () => {
    const numbers = [];
    for (const [legalEntityId, invoiceId] of [
      ['le-a', 'inv-a1'],
      ['le-b', 'inv-b1'],
      ['le-a', 'inv-a2'],
      [null, 'inv-none-1'],
      ['le-a', 'inv-a3'],
    ] as const) {
      numbers.push(await allocator.numberFor({ legalEntityId, invoiceId }));
    }
    expect(numbers).toEqual(['00000001', '00000001', '00000002', '00000001', '00000003']);
  });

  it('gives an invoice asked for again the number it already has (a redelivered posting burns none)', async () => {
    const first = await allocator.numberFor({ legalEntityId: 'le-c', invoiceId: 'inv-c1' });
    const again = await allocator.numberFor({ legalEntityId: 'le-c', invoiceId: 'inv-c1' });
    const next = await allocator.numberFor({ legalEntityId: 'le-c', invoiceId: 'inv-c2' });
    expect([first, again, next]).toEqual(['00000001', '00000001', '00000002']);
  });

  it('hands out distinct numbers without gaps to concurrent posters of one legal entity', async () => {
    const invoiceIds = Array.from({ length: 40 }, (_, index) => `inv-d${index}`);
    const numbers = await Promise.all(
      invoiceIds.map((invoiceId) => allocator.numberFor({ legalEntityId: 'le-d', invoiceId })),
    );
    expect([...numbers].sort()).toEqual(invoiceIds.map((_, index) => String(index + 1).padStart(8, '0')));
  });

  it('can migrate again at the next start (tables exist, numbers kept)', async () => {
    await allocator.migrate();
    expect(await allocator.numberFor({ legalEntityId: 'le-a', invoiceId: 'inv-a1' })).toBe('00000001');
  });
});

describe('invoice numbers through the database handles the services pass in', () => {
  it('works over a TypeORM data source, as the Nest module gets READ_MODEL_DATA_SOURCE', async () => {
    const dataSource = await createReadModelDataSource({
      kind: 'postgres',
      url: `postgres://${testDatabase.user}@${testDatabase.host}:${testDatabase.port}/${testDatabase.database}`,
      schema,
      poolSize: 2,
    }).initialize();
    try {
      const overTypeOrm = new PostgresInvoiceNumberAllocator(dataSource, `${schema}_orm`);
      await overTypeOrm.migrate();
      const numbers = [
        await overTypeOrm.numberFor({ legalEntityId: 'le-e', invoiceId: 'inv-e1' }),
        await overTypeOrm.numberFor({ legalEntityId: 'le-e', invoiceId: 'inv-e2' }),
        await overTypeOrm.numberFor({ legalEntityId: 'le-e', invoiceId: 'inv-e1' }),
      ];
      expect(numbers).toEqual(['00000001', '00000002', '00000001']);
    } finally {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}_orm" CASCADE`);
      await dataSource.destroy();
    }
  });

  it('works on PGlite (embedded mode)', async () => {
    const database = await loadPglite().PGlite.create();
    try {
      const embedded = new PostgresInvoiceNumberAllocator(database);
      await embedded.migrate();
      expect(await embedded.numberFor({ legalEntityId: null, invoiceId: 'inv-f1' })).toBe('00000001');
      expect(await embedded.numberFor({ legalEntityId: null, invoiceId: 'inv-f2' })).toBe('00000002');
      expect(await embedded.numberFor({ legalEntityId: null, invoiceId: 'inv-f1' })).toBe('00000001');
    } finally {
      await database.close();
    }
  });
});

/** PGlite loads parts of itself with `import()`; Node's own loader keeps it out of Jest's module sandbox. */
function loadPglite(): typeof import('@electric-sql/pglite') {
  const nodeLoader = Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown };
  return nodeLoader._load(
    require.resolve('@electric-sql/pglite'),
    null,
    false,
  ) as typeof import('@electric-sql/pglite');
}
