import { randomUUID } from 'node:crypto';
import { Topics, type GroupFailedData, type GroupInvoicedData } from '@invoice-engine/contracts';
import {
  STATUS_SUBTYPES,
  emptyRunProgress,
  foldGroupOutcomes,
  type InvoiceBatchRunState,
} from '@invoice-engine/invoice-batch-runs';
import { currencyCode, deterministicId, instant, money, zeroMoney } from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { FilterBillingSchedules } from '../filtering/filter-billing-schedules';
import { DEFAULT_FILTERING_SETTINGS } from '../filtering/filtering-settings';
import { eventsToAppend, nextRevision } from '../streams/event-envelopes';
import { appendRunCommands, loadInvoiceBatchRun } from '../streams/invoice-batch-run-stream';
import { scheduleSnapshot } from '../test-support/billing-schedules.fixture';
import { InMemoryBillingScheduleSource } from '../test-support/in-memory-billing-schedule-source.fixture';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { requestedRun } from '../test-support/requested-run.fixture';
import { groupOutcomeOf, type GroupResultMessage } from './group-outcome-message';
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

describe('summarizing without rereading the run for every outcome', () => {
  describe('when a partition batch holds every outcome, some twice, and the notice', () => {
    it('stores, folds and appends once, and counts each work item once', async () => {
      const { runId, workItems, notice } = await filteredRun(['a', 'b', 'c', 'd']);
      const messages = workItems.map((item) => invoiced(item));
      const [first, second] = messages;
      if (!first || !second) throw new Error('work items expected');
      const results = await handler(2).handleBatch([notice, ...messages, first, second]);
      expect(results.map((result) => result.storage)).toEqual([
        null,
        'Recorded',
        'Recorded',
        'Recorded',
        'Recorded',
        'Duplicate',
        'Duplicate',
      ]);
      expect(results.flatMap((result) => result.appended)).toEqual([
        'InvoiceGenerationStarted',
        'InvoiceGenerationProgressed',
        'InvoiceGenerationCompleted',
        'SummarizationStarted',
        'InvoiceBatchRunCompleted',
      ]);
      const state = await stateOf(runId);
      expect(state.status === 'Completed' && state.summary.totalInvoicesGenerated).toBe(4);
    });
  });

  describe('when checkpoints are written', () => {
    it('holds the counts only, at schema version 2, whatever the number of groups', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b', 'c', 'd', 'e']);
      const summarize = handler(2);
      for (const item of workItems) await summarize.handle(invoiced(item));
      const { events } = await loadInvoiceBatchRun(database.eventStore, runId);
      const checkpoints = events.filter((event) => event.type === 'InvoiceGenerationProgressed');
      expect(checkpoints.map((event) => event.schemaVersion)).toEqual([2, 2, 2]);
      expect(checkpoints.map((event) => Object.keys(event.data as object).sort())).toEqual(
        Array.from({ length: 3 }, () => ['counts', 'groupsExpected', 'recordedAt', 'runId']),
      );
    });
  });

  describe('when the service restarts after an append, before Kafka committed the offsets', () => {
    it('takes the redelivered outcomes as duplicates and appends nothing', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b', 'c']);
      const [first, second] = workItems.map((item) => invoiced(item));
      if (!first || !second) throw new Error('work items expected');
      await handler(2).handle(first);
      await handler(2).handle(second); // a checkpoint of two
      const restarted = handler(2);
      expect(await restarted.handle(first)).toEqual({ runId, storage: 'Duplicate', appended: [] });
      expect(await restarted.handle(second)).toEqual({ runId, storage: 'Duplicate', appended: [] });
      const state = await stateOf(runId);
      expect(state.status === 'Started' && state.run.generation.counts.groupsCompleted).toBe(2);
    });
  });

  describe('when the service stopped after storing an outcome, before appending', () => {
    it('counts the stored outcome once when its message comes again', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b']);
      const [first, second] = workItems.map((item) => invoiced(item));
      if (!first || !second) throw new Error('work items expected');
      await handler(10).handle(first);
      // The crash: the second outcome is stored, the run stream never heard of it.
      await outcomes.store(runId, [groupOutcomeOf(second as GroupResultMessage)]);
      const restarted = handler(10);
      expect(await restarted.handle(second)).toEqual({
        runId,
        storage: 'Duplicate',
        appended: [
          'InvoiceGenerationProgressed',
          'InvoiceGenerationCompleted',
          'SummarizationStarted',
          'InvoiceBatchRunCompleted',
        ],
      });
      const state = await stateOf(runId);
      expect(state.status === 'Completed' && state.summary.totalInvoicesGenerated).toBe(2);
    });
  });

  describe('when two consumers of the partition overlap (a rebalance)', () => {
    it('each catches up with what the other stored and appended, and the run counts every item once', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b', 'c', 'd', 'e', 'f']);
      const messages = workItems.map((item) => invoiced(item));
      const left = handler(2);
      const right = handler(2);
      for (const [index, message] of messages.entries()) {
        await (index % 2 === 0 ? left : right).handle(message);
        await (index % 3 === 0 ? right : left).handle(message); // some redelivered to the other one
      }
      const state = await stateOf(runId);
      expect(stagesOf(state)).toEqual(COMPLETED_PATH);
      expect(state.status === 'Completed' && state.summary.totalInvoicesGenerated).toBe(6);
    });
  });

  describe('when the run is canceled while its fold is in memory', () => {
    it('meets the newer stream at the next append, reloads and stops counting', async () => {
      const { runId, workItems } = await filteredRun(['a', 'b', 'c']);
      const [first, second, third] = workItems.map((item) => invoiced(item));
      if (!first || !second || !third) throw new Error('work items expected');
      const summarize = handler(2);
      await summarize.handle(first);
      const run = await loadInvoiceBatchRun(database.eventStore, runId);
      await appendRunCommands(
        database.eventStore,
        run,
        [
          {
            type: 'CancelInvoiceBatchRun',
            runId,
            canceledBy: 'user-7',
            reason: 'test',
            canceledAt: clock.now(),
          },
        ],
        {
          causationId: 'cancel',
          correlationId: runId,
          runId,
          groupingKey: null,
          occurredAt: clock.now(),
          producer: 'test',
        },
      );
      expect((await summarize.handle(second)).appended).toEqual([]);
      expect((await summarize.handle(third)).appended).toEqual([]);
      expect((await stateOf(runId)).status).toBe('Canceled');
    });
  });
});

describe('a run in progress when the service is upgraded', () => {
  it('resumes from its version 1 checkpoint and the outcomes stored before they were numbered', async () => {
    const { runId, workItems } = await filteredRun(['a', 'b', 'c']);
    const [first, second, third] = workItems.map((item) => invoiced(item) as GroupResultMessage);
    if (!first || !second || !third) throw new Error('three work items expected');
    // What the previous version left: two stored outcomes, the first counted by a version 1
    // checkpoint (flagged `checkpointed`), neither numbered.
    await outcomes.store(runId, [groupOutcomeOf(second), groupOutcomeOf(first)]);
    const table = `"${database.readModelSchema}".run_group_outcomes`;
    await database.dataSource.query(
      `UPDATE ${table} SET outcome_sequence = NULL, checkpointed = (grouping_key = $2) WHERE run_id = $1`,
      [runId, first.data.groupingKey],
    );
    const run = await loadInvoiceBatchRun(database.eventStore, runId);
    const counted = foldGroupOutcomes(emptyRunProgress(runId), [groupOutcomeOf(first)]).progress;
    const versionOne = [
      { type: 'InvoiceGenerationStarted', data: { runId, groupsExpected: 3, startedAt: clock.now() } },
      {
        type: 'InvoiceGenerationProgressed',
        data: {
          runId,
          groupsRecorded: [{ groupingKey: first.data.groupingKey, chunkIndex: 0, outcomeFingerprint: 'v1' }],
          counts: counted.counts,
          groupsExpected: 3,
          recordedAt: clock.now(),
        },
      },
    ];
    const context = {
      causationId: 'previous-version',
      correlationId: runId,
      runId,
      groupingKey: null,
      occurredAt: clock.now(),
      producer: 'summarization',
    };
    await database.eventStore.append(
      run.stream,
      eventsToAppend(run.stream, nextRevision(run.revision), versionOne, context),
      run.revision,
    );

    await outcomes.migrate(); // the new version starts: numbers the old rows, counted ones first
    expect((await outcomes.storedAfter(runId, 0)).map((stored) => stored.outcome.groupingKey)).toEqual([
      first.data.groupingKey,
      second.data.groupingKey,
    ]);
    const summarize = handler(10);
    expect((await summarize.handle(second)).storage).toBe('Duplicate');
    expect((await summarize.handle(third)).appended).toContain('InvoiceBatchRunCompleted');
    const state = await stateOf(runId);
    expect(state.status === 'Completed' && state.summary.totalInvoicesGenerated).toBe(3);
  });
});
