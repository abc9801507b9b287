import { randomUUID } from 'node:crypto';
import { Topics, type GroupFailedData, type GroupInvoicedData } from '@invoice-engine/contracts';
import { STATUS_SUBTYPES, type InvoiceBatchRunState } from '@invoice-engine/invoice-batch-runs';
import { currencyCode, deterministicId, instant, money, zeroMoney } from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { FilterBillingSchedules } from '../filtering/filter-billing-schedules';
import { DEFAULT_FILTERING_SETTINGS } from '../filtering/filtering-settings';
import { loadInvoiceBatchRun } from '../streams/invoice-batch-run-stream';
import { scheduleSnapshot } from '../test-support/billing-schedules.fixture';
import { InMemoryBillingScheduleSource } from '../test-support/in-memory-billing-schedule-source.fixture';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { requestedRun } from '../test-support/requested-run.fixture';
import { PostgresGroupOutcomeStore } from './postgres-group-outcome-store';
import { DEFAULT_SUMMARIZATION_SETTINGS } from './summarization-settings';
import { SummarizeInvoiceBatchRun, type SummarizationMessage } from './summarize-invoice-batch-run';

let database: PipelineTestDatabase;
let outcomes: PostgresGroupOutcomeStore;
beforeAll(async () => {
  database = await openPipelineTestDatabase('summarization');
  outcomes = new PostgresGroupOutcomeStore(database.dataSource);
  await outcomes.migrate();
  await outcomes.migrate(); // twice: every replica runs it at start
});
afterAll(async () => {
  await database.close();
});

const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));
const usd = currencyCode('USD');

interface WorkItem {
  readonly messageId: string;
  readonly data: {
    runId: string;
    groupingKey: string;
    chunkIndex: number;
    chunkCount: number;
    billingScheduleIds: string[];
  };
}

/** A run filtered through the real handler: one work item per account, and the notice filtering sent. */
async function filteredRun(accounts: readonly string[]) {
  const runId = randomUUID();
  const snapshots = accounts.map((account, index) =>
    scheduleSnapshot({ id: `bs-${index}`, billingAccountId: account }),
  );
  const publisher = new RecordingPublisher();
  const filtering = new FilterBillingSchedules(
    database.eventStore,
    new InMemoryBillingScheduleSource(snapshots),
    publisher,
    clock,
    DEFAULT_FILTERING_SETTINGS,
  );
  await filtering.handle(await requestedRun(database.eventStore, clock, runId));
  const workItems = publisher.on(Topics.GroupWork).map((message) => message.envelope as unknown as WorkItem);
  const [notice] = publisher.on(Topics.GroupResults);
  if (notice === undefined) throw new Error('no notice');
  return { runId, workItems, notice: notice.envelope as SummarizationMessage };
}

function invoiced(item: WorkItem, total = '214.50', currency = 'USD'): SummarizationMessage {
  const data: GroupInvoicedData = {
    ...item.data,
    invoiceIds: [deterministicId(item.data.runId, item.data.groupingKey, String(item.data.chunkIndex))],
    billingSchedulesProcessed: item.data.billingScheduleIds.length,
    billingSchedulesFailed: 0,
    invoicesGenerated: 1,
    invoicesFailed: 0,
    errorLogs: [],
    invoiceStatus: 'Draft',
    amounts: [{ currency, subtotal: '200.00', tax: (Number(total) - 200).toFixed(2), total }],
  };
  return { messageId: deterministicId('invoiced', item.messageId), type: 'GroupInvoiced', data };
}

function failed(item: WorkItem): SummarizationMessage {
  const data: GroupFailedData = {
    ...item.data,
    invoiceIds: [deterministicId(item.data.runId, item.data.groupingKey, String(item.data.chunkIndex))],
    billingSchedulesProcessed: 0,
    billingSchedulesFailed: item.data.billingScheduleIds.length,
    invoicesGenerated: 1,
    invoicesFailed: 1,
    errorLogs: [
      {
        category: 'TaxCalculation',
        code: 'TAX.RATE_NOT_FOUND',
        message: 'no rate',
        severity: 'Error',
        billingScheduleId: null,
        invoiceId: null,
        occurredAt: '2026-03-01T06:00:01.000Z',
      },
    ],
  };
  return { messageId: deterministicId('failed', item.messageId), type: 'GroupFailed', data };
}

async function stateOf(runId: string): Promise<InvoiceBatchRunState> {
  return (await loadInvoiceBatchRun(database.eventStore, runId)).state;
}

function stagesOf(state: InvoiceBatchRunState): readonly string[] {
  return state.status === 'NotRequested' ? [] : state.run.stages.map((stage) => stage.statusSubtype);
}

const COMPLETED_PATH = STATUS_SUBTYPES.filter((subtype) => subtype !== 'Failed');
const FAILED_PATH = STATUS_SUBTYPES.filter((subtype) => subtype !== 'Completed');

function handler(checkpointEveryGroups = 2) {
  return new SummarizeInvoiceBatchRun(database.eventStore, outcomes, clock, {
    ...DEFAULT_SUMMARIZATION_SETTINGS,
    checkpointEveryGroups,
  });
}

describe('summarizing a run from its group outcomes', () => {
  describe('when outcomes arrive out of order, twice, and the notice last', () => {
    it('counts each work item once and completes the run through every stage in order', async () => {
      const { runId, workItems, notice } = await filteredRun(['a', 'b', 'c']);
      const [first, second, third] = workItems.map((item) => invoiced(item));
      if (!first || !second || !third) throw new Error('three work items expected');
      const summarize = handler(2);

      expect((await summarize.handle(third)).appended).toEqual(['InvoiceGenerationStarted']);
      expect(await summarize.handle(third)).toEqual({ runId, storage: 'Duplicate', appended: [] });
      expect((await summarize.handle(first)).appended).toEqual(['InvoiceGenerationProgressed']);
      expect((await summarize.handle(second)).appended).toEqual([
        'InvoiceGenerationProgressed',
        'InvoiceGenerationCompleted',
        'SummarizationStarted',
        'InvoiceBatchRunCompleted',
      ]);
      expect((await summarize.handle(notice)).appended).toEqual([]);
      expect((await summarize.handle(first)).storage).toBe('Duplicate');

      const state = await stateOf(runId);
      expect(stagesOf(state)).toEqual(COMPLETED_PATH);
      if (state.status !== 'Completed') throw new Error(`run is ${state.status}`);
      expect(state.summary).toMatchObject({
        totalFilteredBillingSchedules: 3,
        totalBillingSchedulesProcessed: 3,
        totalInvoicesGenerated: 3,
        totalInvoicesProcessed: 3,
        totalDraftInvoices: 3,
        totalInvoicedAmount: money(64350n, usd),
        totalDraftInvoiceAmount: money(64350n, usd),
      });
    });
  });

  describe('when the notice arrives first', () => {
    it('waits for the outcomes, then completes', async () => {
      const { runId, workItems, notice } = await filteredRun(['a', 'b']);
      const summarize = handler(10);
      expect((await summarize.handle(notice)).appended).toEqual([]);
      for (const item of workItems) await summarize.handle(invoiced(item));
      expect(stagesOf(await stateOf(runId))).toEqual(COMPLETED_PATH);
    });
  });

  describe('when filtering selected nothing', () => {
    it('completes the run on the notice with zero counts and zero totals in the default currency', async () => {
      const { runId, workItems, notice } = await filteredRun([]);
      expect(workItems).toHaveLength(0);
      await handler().handle(notice);
      const state = await stateOf(runId);
      expect(stagesOf(state)).toEqual(COMPLETED_PATH);
      if (state.status !== 'Completed') throw new Error(`run is ${state.status}`);
      expect(state.summary).toMatchObject({
        totalFilteredBillingSchedules: 0,
        totalInvoicesGenerated: 0,
        totalInvoicedAmount: zeroMoney(usd),
        totalDraftInvoiceAmount: zeroMoney(usd),
      });
    });
  });

  describe('when one group failed', () => {
    it('fails the run and its summary still counts what succeeded', async () => {
      const { runId, workItems, notice } = await filteredRun(['a', 'b', 'c']);
      const summarize = handler(2);
      await summarize.handle(notice);
      const [first, second, third] = workItems;
      if (!first || !second || !third) throw new Error('three work items expected');
      await summarize.handle(invoiced(first));
      await summarize.handle(failed(second));
      await summarize.handle(invoiced(third));
      const state = await stateOf(runId);
      expect(stagesOf(state)).toEqual(FAILED_PATH);
      if (state.status !== 'Failed') throw new Error(`run is ${state.status}`);
      expect(state.summary).toMatchObject({
        totalFilteredBillingSchedules: 3,
        totalBillingSchedulesProcessed: 2,
        totalBillingSchedulesFailed: 1,
        totalInvoicesGenerated: 3,
        totalInvoicesProcessed: 2,
        totalInvoicesFailed: 1,
        totalInvoicedAmount: money(42900n, usd),
      });
    });
  });

  describe('when invoices span another currency than the default', () => {
    it('reports null single totals and the totals per currency', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b']);
      const [first, second] = workItems;
      if (!first || !second) throw new Error('two work items expected');
      const summarize = handler(5);
      await summarize.handle(invoiced(first));
      await summarize.handle(invoiced(second, '107.25', 'EUR'));
      const state = await stateOf(runId);
      if (state.status !== 'Completed') throw new Error(`run is ${state.status}`);
      expect(state.summary.totalInvoicedAmount).toBeNull();
      expect(Object.keys(state.summary.totalsByCurrency)).toEqual(['EUR', 'USD']);
    });
  });

  describe('when a work item reports a second, different outcome', () => {
    it('keeps the first one', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b']);
      const [first] = workItems;
      if (!first) throw new Error('a work item expected');
      const summarize = handler(5);
      await summarize.handle(invoiced(first));
      expect((await summarize.handle(failed(first))).storage).toBe('Conflicting');
      const state = await stateOf(runId);
      expect(state.status).toBe('Started');
      expect(await outcomes.storedAfter(runId, 0)).toHaveLength(1);
    });
  });
});
