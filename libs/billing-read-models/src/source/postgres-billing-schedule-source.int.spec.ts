import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ANY_SCHEDULE,
  billingScheduleDecider,
  type BillingScheduleEvent,
  type RunCriteria,
} from '@invoice-engine/billing-schedules';
import type { GlobalPosition } from '@invoice-engine/event-store';
import {
  currencyCode,
  foldEvents,
  parseMoney,
  streamName,
  StreamCategory,
  calendarDate,
} from '@invoice-engine/kernel';
import { startProjection } from '@invoice-engine/read-models';
import type { BillingScheduleSnapshot } from '../billing-schedule-source';
import { billingSchedulesProjection } from '../projections/billing-schedules/billing-schedules.projection';
import {
  fullScheduleLifecycle,
  invoiceDue,
  scheduleHistory,
  scheduleTerms,
} from '../testing/billing-schedule.fixture';
import { runHistory, runRequest } from '../testing/invoice-batch-run.fixture';
import {
  appendHistory,
  openTestDatabases,
  runProjectionUntil,
  type TestDatabases,
} from '../testing/postgres.fixture';
import {
  BillingSchedulesNotCaughtUpError,
  PostgresBillingScheduleSource,
} from './postgres-billing-schedule-source';

const eur = currencyCode('EUR');

/** Schedules that differ in every criterion; ids whose code-point order is not their numeric order. */
const histories: Readonly<Record<string, BillingScheduleEvent[]>> = {
  'bs-1': fullScheduleLifecycle('bs-1'),
  'bs-10': scheduleHistory({
    type: 'CreateBillingSchedule',
    terms: scheduleTerms({
      id: 'bs-10',
      billingAccountId: 'acct-2',
      billingBatch: 'east',
      legalEntityId: 'le-2',
      chargeType: 'OneTime',
      billingTermUnit: 'OneTime',
      pricingTermUnit: 'OneTime',
    }),
  }),
  'bs-2': scheduleHistory({
    type: 'CreateBillingSchedule',
    terms: scheduleTerms({
      id: 'bs-2',
      currency: eur,
      billingBatch: 'west',
      legalEntityId: null,
      billingMethod: 'OrderAmount',
      totalAmount: parseMoney('1200.00', eur),
      endDate: calendarDate('2026-12-31'),
      startDate: calendarDate('2026-01-01'),
    }),
  }),
  'bs-3': scheduleHistory(
    { type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-3' }) },
    invoiceDue('2026-03-01', { runId: 'run-7', invoiceId: 'inv-7', invoiceStatus: 'Draft' }),
    {
      type: 'MarkBillingScheduleError',
      billingScheduleId: 'bs-3',
      runId: 'run-7',
      errorCode: 'X',
      message: 'Failed',
    },
  ),
  'bs-4': scheduleHistory(
    { type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-4', billingAccountId: 'acct-3' }) },
    invoiceDue('2026-02-01', { runId: 'run-8', invoiceId: 'inv-8', invoiceStatus: 'Posted' }),
    invoiceDue('2026-03-01', { runId: 'run-9', invoiceId: 'inv-9', invoiceStatus: 'Draft' }),
  ),
  'bs-5': scheduleHistory({
    type: 'CreateBillingSchedule',
    terms: scheduleTerms({ id: 'bs-5', holdBilling: true, billingScheduleGroupId: 'group-1' }),
  }),
};

let databases: TestDatabases;
let source: PostgresBillingScheduleSource;
let head: GlobalPosition = 0n;

beforeAll(async () => {
  databases = await openTestDatabases('brm_source');
  for (const [id, events] of Object.entries(histories)) {
    head = await appendHistory(databases.store, streamName(StreamCategory.BillingSchedule, id), events);
  }
  await runProjectionUntil(databases, billingSchedulesProjection, head);
  source = new PostgresBillingScheduleSource(databases.dataSource, { pollIntervalMs: 10 });
});

afterAll(async () => {
  await databases.close();
});

async function scanned(criteria: RunCriteria, batchSize = 100): Promise<BillingScheduleSnapshot[][]> {
  const batches: BillingScheduleSnapshot[][] = [];
  for await (const batch of source.scan(criteria, batchSize)) batches.push([...batch]);
  return batches;
}

async function idsMatching(criteria: Partial<RunCriteria>): Promise<string[]> {
  return (await scanned({ ...ANY_SCHEDULE, ...criteria }))
    .flat()
    .map((snapshot) => snapshot.billingScheduleId);
}

describe('the PostgreSQL billing schedule source', () => {
  it('rebuilds every schedule exactly as the decider holds it after its events', async () => {
    const snapshots = (await scanned(ANY_SCHEDULE)).flat();
    expect(snapshots).toHaveLength(Object.keys(histories).length);
    for (const snapshot of snapshots) {
      const stream = await databases.store.readStream(
        streamName(StreamCategory.BillingSchedule, snapshot.billingScheduleId),
      );
      const events = stream.map((event) => ({ type: event.type, data: event.data }) as BillingScheduleEvent);
      expect(snapshot.schedule).toEqual(foldEvents(billingScheduleDecider, events));
      expect(snapshot.revision).toBe(stream.at(-1)?.revision);
    }
  });

  it('pages through the schedules in code-point id order with a keyset cursor', async () => {
    const batches = await scanned(ANY_SCHEDULE, 2);
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 2]);
    expect(batches.flat().map((snapshot) => snapshot.billingScheduleId)).toEqual([
      'bs-1',
      'bs-10',
      'bs-2',
      'bs-3',
      'bs-4',
      'bs-5',
    ]);
    expect((await scanned(ANY_SCHEDULE, 3)).map((batch) => batch.length)).toEqual([3, 3]);
  });

  it('reads the next page while the caller handles one, and a caller may stop early', async () => {
    const seen: string[] = [];
    for await (const batch of source.scan(ANY_SCHEDULE, 2)) {
      seen.push(...batch.map((snapshot) => snapshot.billingScheduleId));
      // The page after this one is already requested; stopping here must leave nothing behind.
      if (seen.length >= 2) break;
    }
    expect(seen).toEqual(['bs-1', 'bs-10']);
    const again = (await scanned(ANY_SCHEDULE, 2)).flat().map((snapshot) => snapshot.billingScheduleId);
    expect(again).toEqual(['bs-1', 'bs-10', 'bs-2', 'bs-3', 'bs-4', 'bs-5']);
  });

  it('applies the run criteria in SQL, a null batch or legal entity being a value of its own', async () => {
    expect(await idsMatching({ currencies: [eur] })).toEqual(['bs-2']);
    expect(await idsMatching({ billingBatches: [null] })).toEqual(['bs-1', 'bs-3', 'bs-4', 'bs-5']);
    expect(await idsMatching({ billingBatches: ['east', 'west'] })).toEqual(['bs-10', 'bs-2']);
    expect(await idsMatching({ billingBatches: ['east', null] })).toEqual([
      'bs-1',
      'bs-10',
      'bs-3',
      'bs-4',
      'bs-5',
    ]);
    expect(await idsMatching({ legalEntityIds: [null] })).toEqual(['bs-2']);
    expect(await idsMatching({ legalEntityIds: ['le-2'] })).toEqual(['bs-10']);
    expect(await idsMatching({ billingAccountIds: ['acct-2', 'acct-3'] })).toEqual(['bs-10', 'bs-4']);
    expect(await idsMatching({ chargeTypes: ['OneTime'] })).toEqual(['bs-10']);
    expect(await idsMatching({ currencies: [currencyCode('USD')], billingAccountIds: ['acct-1'] })).toEqual([
      'bs-1',
      'bs-3',
      'bs-5',
    ]);
    expect(await idsMatching({ currencies: [currencyCode('JPY')] })).toEqual([]);
  });

  it('resolves once the projection has reached a position', async () => {
    await expect(source.waitUntilCaughtUp(head, 1000)).resolves.toBeUndefined();
  });

  it('gives up with the checkpoint it saw when the projection does not reach the position in time', async () => {
    const error = await source.waitUntilCaughtUp(head + 1000n, 50).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillingSchedulesNotCaughtUpError);
    expect(error).toMatchObject({ position: head + 1000n, checkpoint: head });
  });

  it('catches up to a run request even when no schedule changed after the last checkpoint', async () => {
    const requested = await appendHistory(
      databases.store,
      streamName(StreamCategory.InvoiceBatchRun, 'run-20'),
      runHistory({ type: 'RequestInvoiceBatchRun', request: runRequest('run-20') }),
    );
    const subscription = await startProjection(
      databases.dataSource,
      databases.store,
      billingSchedulesProjection,
      {
        batchSize: 100,
        onApplied: () => undefined,
      },
    );
    try {
      await expect(source.waitUntilCaughtUp(requested, 5000)).resolves.toBeUndefined();
    } finally {
      await subscription.stop();
    }
  });
});
