import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { instant } from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabases, type TestDatabases } from '../testing/postgres.fixture';
import { ScheduleLoader } from './schedule-loader';
import { scheduleRecordsOf } from './schedule-records';

const examples = join(__dirname, '..', '..', '..', '..', 'examples');
const csv = readFileSync(join(examples, 'billing-schedules.sample.csv'), 'utf8');
const json = readFileSync(join(examples, 'billing-schedules.sample.json'), 'utf8');

let databases: TestDatabases;
let loader: ScheduleLoader;

beforeAll(async () => {
  databases = await openTestDatabases('brm_loader');
  loader = new ScheduleLoader(databases.store, new SettableClock(instant('2026-03-01T06:00:00.000Z')), {
    batchSize: 3,
    readConcurrency: 4,
  });
});

afterAll(async () => {
  await databases.close();
});

function load(fileName: string, text: string) {
  const { records, problems } = scheduleRecordsOf(fileName, text);
  return loader.load(`load-${fileName}`, records, problems);
}

async function storedEvents(): Promise<{ stream_id: string; type: string; event_id: string }[]> {
  return databases.dataSource.query(
    `SELECT stream_id, type, event_id::text FROM "${databases.eventStoreSchema}".events ORDER BY position`,
  );
}

describe('loading billing schedules into the PostgreSQL event store', () => {
  it('rejects a file with bad rows, listing every problem, and writes nothing', async () => {
    const bad = csv
      .replace('BS-0002,,ACC-100,CON-1,USD', 'BS-0002,,ACC-100,CON-1,ABC')
      .replace(',Usage,', ',Hourly,');

    const report = await load('bad.csv', bad);

    expect(report).toEqual({
      outcome: 'Rejected',
      problems: [
        { row: 3, field: 'currency', reason: expect.any(String) },
        { row: 9, field: 'chargeType', reason: expect.any(String) },
      ],
    });
    expect(await storedEvents()).toEqual([]);
  });

  it('creates one schedule stream per row, in batches', async () => {
    expect(await load('schedules.csv', csv)).toEqual({ outcome: 'Loaded', created: 8, alreadyLoaded: 0 });

    const events = await storedEvents();
    expect(events.map((event) => event.stream_id)).toEqual(
      ['0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008'].map((n) => `billingSchedule-BS-${n}`),
    );
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['BillingScheduleCreated']));
    const [first] = await databases.store.readStream('billingSchedule-BS-0004');
    expect(first?.data).toMatchObject({ terms: { totalAmount: { currency: 'USD', minorUnits: 10000n } } });
  });

  it('writes nothing new when the same schedules are loaded again, from CSV or JSON', async () => {
    const before = await storedEvents();

    expect(await load('schedules.csv', csv)).toEqual({ outcome: 'Loaded', created: 0, alreadyLoaded: 8 });
    expect(await load('schedules.json', json)).toEqual({ outcome: 'Loaded', created: 0, alreadyLoaded: 8 });

    expect(await storedEvents()).toEqual(before);
  });

  it('reports a different definition for an existing id and writes nothing, not even the new rows', async () => {
    const before = await storedEvents();
    const changed = `${csv.replace('BS-0003,GRP-7,ACC-200', 'BS-0003,GRP-7,ACC-999')}${csv
      .split('\n')[1]
      ?.replace('BS-0001', 'BS-0100')}\n`;

    expect(await load('changed.csv', changed)).toEqual({
      outcome: 'Rejected',
      problems: [
        {
          row: 4,
          field: 'id',
          reason: 'billing schedule BS-0003 already exists with a different definition',
        },
      ],
    });
    expect(await storedEvents()).toEqual(before);
  });

  describe('with state fields given', () => {
    const schedule = (JSON.parse(json) as Record<string, unknown>[])[0] ?? {};
    const migrated = (state: Readonly<Record<string, unknown>>) =>
      JSON.stringify([{ ...schedule, id: 'BS-MIGRATED', ...state }]);

    it('records the creation and then the given state in the schedule stream', async () => {
      const report = await load('migrated.json', migrated({ billedThroughDate: '2026-02-28' }));

      expect(report).toEqual({ outcome: 'Loaded', created: 1, alreadyLoaded: 0 });
      const stream = await databases.store.readStream('billingSchedule-BS-MIGRATED');
      expect(stream.map((event) => event.type)).toEqual([
        'BillingScheduleCreated',
        'BillingScheduleStateImported',
      ]);
      expect(stream[1]?.data).toMatchObject({
        snapshot: {
          nextChargeFromDate: '2026-03-01',
          billedAmount: { currency: 'USD', minorUnits: 30968n },
        },
      });
    });

    it('writes nothing new when loaded again with the same state', async () => {
      const before = await storedEvents();
      const again = await load('migrated.json', migrated({ nextChargeFromDate: '2026-03-01' }));

      expect(again).toEqual({ outcome: 'Loaded', created: 0, alreadyLoaded: 1 });
      expect(await storedEvents()).toEqual(before);
    });

    it('reports another state for the same schedule as a different definition', async () => {
      const report = await load('migrated.json', migrated({ billedThroughDate: '2026-03-31' }));

      expect(report).toEqual({
        outcome: 'Rejected',
        problems: [
          {
            row: 1,
            field: 'id',
            reason: 'billing schedule BS-MIGRATED already exists with a different definition',
          },
        ],
      });
    });
  });
});
