import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgPoolConnection } from '@invoice-engine/event-store';
import { randomBytes } from 'node:crypto';
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
