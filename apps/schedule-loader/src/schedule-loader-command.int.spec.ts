import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runScheduleLoaderCommand } from './schedule-loader-command';

const databaseUrl = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `loader_cli_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const environment = { DATABASE_URL: databaseUrl, EVENT_STORE_SCHEMA: schema, LOG_LEVEL: 'error' };
const sample = join(__dirname, '..', '..', '..', 'examples', 'billing-schedules.sample.csv');

async function sql<Row>(text: string): Promise<Row[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await runScheduleLoaderCommand(args, environment, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { exitCode, out, err };
}

afterAll(async () => {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

describe('the schedule-loader command', () => {
  it('lists every bad row on stderr, exits 1 and loads nothing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'schedule-loader-'));
    const bad = join(directory, 'bad.csv');
    const text = await readFile(sample, 'utf8');
    await writeFile(
      bad,
      text.replace(',2026-01-15,', ',2026-13-15,').replace(',OneTime,Evergreen,', ',Once,Evergreen,'),
    );

    const result = await run(bad);

    expect(result.exitCode).toBe(1);
    expect(result.err).toEqual([
      'row 2, startDate: must be a calendar date YYYY-MM-DD',
      expect.stringMatching(/^row 6, chargeType: /),
    ]);
    expect(await sql(`SELECT count(*)::int AS events FROM "${schema}".events`)).toEqual([{ events: 0 }]);
  });

  it('loads the sample, exits 0, and writes nothing new the second time', async () => {
    const first = await run(sample);
    expect(first).toMatchObject({ exitCode: 0, err: [] });
    expect(JSON.parse(first.out[0] ?? '')).toEqual({ outcome: 'Loaded', created: 8, alreadyLoaded: 0 });

    const second = await run(sample);
    expect(JSON.parse(second.out[0] ?? '')).toEqual({ outcome: 'Loaded', created: 0, alreadyLoaded: 8 });
    expect(await sql(`SELECT count(*)::int AS events FROM "${schema}".events`)).toEqual([{ events: 8 }]);
  });

  it('explains its usage', async () => {
    expect(await run()).toMatchObject({ exitCode: 2, err: [expect.stringContaining('usage')] });
  });
});
