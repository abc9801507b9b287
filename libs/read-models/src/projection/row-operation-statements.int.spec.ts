import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { rowOperationStatements } from './row-operation-statements';
import { upsertRows } from './row-operation';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const client = new Client({ connectionString: url });

const types = new Map([
  ['id', 'text'],
  ['note', 'text'],
  ['amount', 'numeric(20,0)'],
  ['rate', 'numeric'],
  ['day', 'date'],
  ['line_no', 'integer'],
  ['active', 'boolean'],
  ['terms', 'jsonb'],
]);

beforeAll(async () => {
  await client.connect();
  await client.query(
    `CREATE TEMPORARY TABLE typed_rows (id text PRIMARY KEY, note text, amount numeric(20,0), rate numeric,
       day date, line_no integer, active boolean, terms jsonb)`,
  );
});

afterAll(async () => {
  await client.end();
});

async function upsert(rows: Parameters<typeof upsertRows>[2]): Promise<void> {
  const statements = rowOperationStatements(
    'pg_temp',
    [upsertRows('typed_rows', ['id'], rows, null)],
    () => types,
  );
  for (const statement of statements) await client.query(statement.text, [...statement.parameters]);
}

describe('typed upserts on PostgreSQL (rows as one JSON parameter)', () => {
  it('stores every kind of value exactly: quotes, backslashes, unicode, nulls, big numbers, jsonb text', async () => {
    await upsert([
      {
        id: 'r1',
        note: 'a "quoted" \\ back\nslash, {braces}, ümlaut 日本',
        amount: 12345678901234567890n,
        rate: '0.0725',
        day: '2028-02-29',
        line_no: 7,
        active: true,
        terms: '{"unitPrice":"100.00","nested":{"list":[1,"two",null]}}',
      },
      {
        id: 'r2',
        note: null,
        amount: null,
        rate: null,
        day: null,
        line_no: null,
        active: false,
        terms: null,
      },
    ]);

    const { rows } = await client.query(
      `SELECT id, note, amount::text, rate::text, day::text, line_no, active, terms FROM typed_rows ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 'r1',
        note: 'a "quoted" \\ back\nslash, {braces}, ümlaut 日本',
        amount: '12345678901234567890',
        rate: '0.0725',
        day: '2028-02-29',
        line_no: 7,
        active: true,
        terms: { unitPrice: '100.00', nested: { list: [1, 'two', null] } },
      },
      {
        id: 'r2',
        note: null,
        amount: null,
        rate: null,
        day: null,
        line_no: null,
        active: false,
        terms: null,
      },
    ]);
  });

  it('overwrites the listed columns of an existing row', async () => {
    await upsert([{ id: 'r3', note: 'first', line_no: 1 }]);
    await upsert([{ id: 'r3', note: 'second', line_no: 2 }]);

    const { rows } = await client.query(`SELECT note, line_no FROM typed_rows WHERE id = 'r3'`);
    expect(rows).toEqual([{ note: 'second', line_no: 2 }]);
  });
});
