import { randomUUID } from 'node:crypto';
import { GroupWorkItem, Topics, messageTypeRegistry, parseMessage } from '@invoice-engine/contracts';
import { EXCLUSION_REASONS, type ExclusionReason } from '@invoice-engine/invoice-batch-runs';
import { calendarDate, currencyCode, instant } from '@invoice-engine/kernel';
import { TransientError } from '@invoice-engine/messaging';
import { SettableClock } from '@invoice-engine/runtime';
import { ANY_RUN_CRITERIA } from '@invoice-engine/scheduling';
import { stateFromStart } from '@invoice-engine/billing-schedules';
import { invoiceBatchRunStream, loadInvoiceBatchRun } from '../streams/invoice-batch-run-stream';
import { scheduleSnapshot } from '../test-support/billing-schedules.fixture';
import { InMemoryBillingScheduleSource } from '../test-support/in-memory-billing-schedule-source.fixture';
import {
  openPipelineTestDatabase,
  type PipelineTestDatabase,
} from '../test-support/pipeline-test-database.fixture';
import { RecordingPublisher } from '../test-support/recording-publisher.fixture';
import { requestedRun } from '../test-support/requested-run.fixture';
import { FilterBillingSchedules } from './filter-billing-schedules';
import { DEFAULT_FILTERING_SETTINGS, type FilteringSettings } from './filtering-settings';
import { readRunSelection, runSelectionStream } from './run-selection-stream';

let database: PipelineTestDatabase;
beforeAll(async () => {
  database = await openPipelineTestDatabase('filtering');
});
afterAll(async () => {
  await database.close();
});

const d = calendarDate;
const clock = new SettableClock(instant('2026-03-01T06:00:00.000Z'));

/** One schedule per exclusion reason as of target date 2026-03-01 (DOMAIN.md section 3). */
const excludedSchedules: Record<ExclusionReason, ReturnType<typeof scheduleSnapshot>> = {
  InvoicingDisabled: scheduleSnapshot({ id: 'x-01', generateInvoice: false }),
  NotActivated: scheduleSnapshot({ id: 'x-02', activated: false }),
  OnHold: scheduleSnapshot({ id: 'x-03', holdBilling: true }),
  MissingUnitPrice: scheduleSnapshot({ id: 'x-04', unitPrice: null }),
  MissingStartDate: scheduleSnapshot({ id: 'x-05', startDate: null }),
  NoPendingAmount: scheduleSnapshot({ id: 'x-06', unitPrice: '0.00' }),
  MissingNextBillingDate: scheduleSnapshot({ id: 'x-07' }, (terms) => ({
    ...stateFromStart(terms),
    nextBillingDate: null,
  })),
  NotPendingBilling: scheduleSnapshot({ id: 'x-08' }, (terms) => ({
    ...stateFromStart(terms),
    status: 'Processing',
    invoiceRunProcessingStatus: 'InProgress',
  })),
  Cancelled: scheduleSnapshot({ id: 'x-09', cancellationDate: d('2026-01-01') }),
  Suspended: scheduleSnapshot({ id: 'x-10', suspension: { from: d('2026-01-01'), resumeOn: null } }),
  NotDue: scheduleSnapshot({ id: 'x-11', startDate: d('2026-04-01') }),
};

function setUp(settings: Partial<FilteringSettings> = {}, snapshots = Object.values(excludedSchedules)) {
  const source = new InMemoryBillingScheduleSource(snapshots);
  const publisher = new RecordingPublisher();
  const handler = new FilterBillingSchedules(database.eventStore, source, publisher, clock, {
    ...DEFAULT_FILTERING_SETTINGS,
    ...settings,
  });
  return { source, publisher, handler };
}

async function runEventTypes(runId: string) {
  return (await database.eventStore.readStream(invoiceBatchRunStream(runId))).map((event) => event.type);
}

describe('filtering the billing schedules of a requested run', () => {
  describe('when schedules are due, excluded for every reason, or outside the criteria', () => {
    const runId = randomUUID();
    const due = [
      scheduleSnapshot({ id: 'a-1', billingAccountId: 'acct-a' }),
      scheduleSnapshot({ id: 'a-2', billingAccountId: 'acct-a' }),
      scheduleSnapshot({ id: 'b-1', billingAccountId: 'acct-b' }),
    ];
    const euro = scheduleSnapshot({ id: 'e-1', currency: currencyCode('EUR') });
    let source: InMemoryBillingScheduleSource;
    let publisher: RecordingPublisher;
    let handler: FilterBillingSchedules;

    beforeAll(async () => {
      ({ source, publisher, handler } = setUp({}, [...due, euro, ...Object.values(excludedSchedules)]));
      const message = await requestedRun(database.eventStore, clock, runId, {
        ...ANY_RUN_CRITERIA,
        currencies: [currencyCode('USD')],
      });
      await handler.handle(message);
    });

    it('waits for the read model to reach the position of the run request', async () => {
      const [requested] = await database.eventStore.readStream(invoiceBatchRunStream(runId));
      expect(source.caughtUpRequests).toEqual([requested?.position]);
    });

    it('records the stages and counts every exclusion reason once; other currencies are not scanned', async () => {
      expect(await runEventTypes(runId)).toEqual([
        'InvoiceBatchRunRequested',
        'BillingSchedulesFilteringStarted',
        'BillingSchedulesFilteringProgressed',
        'BillingSchedulesFilteringCompleted',
      ]);
      const run = await loadInvoiceBatchRun(database.eventStore, runId);
      if (run.state.status === 'NotRequested') throw new Error('no run');
      expect(run.state.run.filtering).toEqual({
        billingSchedulesScanned: 14,
        billingSchedulesSelected: 3,
        excludedByReason: Object.fromEntries(EXCLUSION_REASONS.map((reason) => [reason, 1])),
      });
      expect(run.state.run.groupsExpected).toBe(2);
    });

    it('publishes one valid work item per grouping key, keyed by grouping key, then the notice', () => {
      const items = publisher.on(Topics.GroupWork);
      const registry = messageTypeRegistry([GroupWorkItem]);
      for (const item of items) expect(parseMessage(registry, JSON.stringify(item.envelope)).ok).toBe(true);
      expect(
        items.map((item) => (item.envelope.data as { billingScheduleIds: string[] }).billingScheduleIds),
      ).toEqual([['a-1', 'a-2'], ['b-1']]);
      expect(items.every((item) => item.key === item.envelope.metadata.groupingKey)).toBe(true);
      const [notice] = publisher.on(Topics.GroupResults);
      expect(notice).toMatchObject({
        key: runId,
        envelope: { type: 'FilteringCompleted', data: { runId, groupsExpected: 2 } },
      });
      expect(publisher.published.at(-1)?.topic).toBe(Topics.GroupResults);
    });

    it('records the selection on its own stream before publishing', async () => {
      expect(await readRunSelection(database.eventStore, runId)).toHaveLength(2);
      expect(runSelectionStream(runId)).toBe(`invoiceBatchRunSelection-${runId}`);
    });

    describe('and the request is delivered again', () => {
      it('appends nothing and re-publishes exactly the same message ids', async () => {
        const before = await runEventTypes(runId);
        const firstIds = publisher.published.map((message) => message.envelope.messageId);
        publisher.clear();
        clock.set(instant('2026-03-01T06:10:00.000Z'));
        const message = await requestedRun(database.eventStore, clock, runId, {
          ...ANY_RUN_CRITERIA,
          currencies: [currencyCode('USD')],
        });
        const result = await handler.handle(message);
        expect(result).toMatchObject({ outcome: 'Published', filtered: false });
        expect(await runEventTypes(runId)).toEqual(before);
        expect(publisher.published.map((published) => published.envelope.messageId)).toEqual(firstIds);
      });
    });
  });

  describe('when a group has more lines than one invoice may hold', () => {
    it('chunks it at the line limit without splitting a schedule, in schedule id order', async () => {
      const runId = randomUUID();
      // Target 2026-03-01, monthly in advance: from Jan = 3 lines, from Feb = 2, from Mar = 1.
      const { publisher, handler } = setUp({ linesPerInvoice: 4 }, [
        scheduleSnapshot({ id: 'g-4', startDate: d('2026-03-01') }),
        scheduleSnapshot({ id: 'g-1', startDate: d('2026-01-01') }),
        scheduleSnapshot({ id: 'g-2', startDate: d('2026-03-01') }),
        scheduleSnapshot({ id: 'g-3', startDate: d('2026-02-01') }),
        scheduleSnapshot({ id: 'g-5', startDate: d('2026-02-01') }),
      ]);
      await handler.handle(await requestedRun(database.eventStore, clock, runId));
      const chunks = publisher
        .on(Topics.GroupWork)
        .map(
          (item) =>
            item.envelope.data as { chunkIndex: number; chunkCount: number; billingScheduleIds: string[] },
        );
      expect(chunks).toEqual([
        expect.objectContaining({ chunkIndex: 0, chunkCount: 3, billingScheduleIds: ['g-1', 'g-2'] }),
        expect.objectContaining({ chunkIndex: 1, chunkCount: 3, billingScheduleIds: ['g-3', 'g-4'] }),
        expect.objectContaining({ chunkIndex: 2, chunkCount: 3, billingScheduleIds: ['g-5'] }),
      ]);
      expect(new Set(publisher.on(Topics.GroupWork).map((item) => item.envelope.messageId)).size).toBe(3);
    });
  });

  describe('when the selection fills several pages', () => {
    it('publishes the work items a page at a time, in selection order, the same ids on redelivery', async () => {
      const runId = randomUUID();
      const accounts = ['acct-a', 'acct-b', 'acct-c', 'acct-d', 'acct-e'];
      const snapshots = accounts.flatMap((account) => [
        scheduleSnapshot({ id: `${account}-1`, billingAccountId: account }),
        scheduleSnapshot({ id: `${account}-2`, billingAccountId: account }),
      ]);
      const { publisher, handler } = setUp({ schedulesPerSelectionPage: 4 }, snapshots);
      const message = await requestedRun(database.eventStore, clock, runId);
      await handler.handle(message);

      expect(await database.eventStore.readStream(runSelectionStream(runId))).toHaveLength(3);
      expect(publisher.calls).toEqual([
        { topic: Topics.GroupWork, count: 2 },
        { topic: Topics.GroupWork, count: 2 },
        { topic: Topics.GroupWork, count: 1 },
        { topic: Topics.GroupResults, count: 1 },
      ]);
      const published = publisher.on(Topics.GroupWork);
      expect(published.map((item) => item.key)).toEqual(
        (await readRunSelection(database.eventStore, runId)).map((group) => group.groupingKey),
      );
      expect(published.map((item) => item.key)).toEqual([...published.map((item) => item.key)].sort());
      const firstIds = published.map((item) => item.envelope.messageId);

      publisher.clear();
      await handler.handle(message);
      expect(publisher.on(Topics.GroupWork).map((item) => item.envelope.messageId)).toEqual(firstIds);
    });
  });

  describe('when nothing is eligible', () => {
    it('still completes filtering, with no work item and a notice expecting none', async () => {
      const runId = randomUUID();
      const { publisher, handler } = setUp({}, [excludedSchedules.OnHold]);
      await handler.handle(await requestedRun(database.eventStore, clock, runId));
      expect(publisher.on(Topics.GroupWork)).toHaveLength(0);
      expect(publisher.on(Topics.GroupResults)[0]?.envelope.data).toEqual({ runId, groupsExpected: 0 });
      expect(await runEventTypes(runId)).toContain('BillingSchedulesFilteringCompleted');
      expect(await database.eventStore.readStream(runSelectionStream(runId))).toHaveLength(0);
    });
  });

  describe('when many schedules are scanned', () => {
    it('records cumulative progress every N schedules', async () => {
      const runId = randomUUID();
      const snapshots = Array.from({ length: 5 }, (_, index) => scheduleSnapshot({ id: `p-${index}` }));
      const { handler } = setUp({ progressEverySchedules: 2, scanBatchSize: 3 }, snapshots);
      await handler.handle(await requestedRun(database.eventStore, clock, runId));
      const events = await database.eventStore.readStream(invoiceBatchRunStream(runId));
      const scanned = events
        .filter((event) => event.type === 'BillingSchedulesFilteringProgressed')
        .map(
          (event) =>
            (event.data as { counts: { billingSchedulesScanned: number } }).counts.billingSchedulesScanned,
        );
      expect(scanned).toEqual([2, 4]);
    });
  });

  describe('when a pass crashes after a checkpoint and schedules change before the retry', () => {
    it('completes the retried pass with the counts it found, lower than the first checkpoint', async () => {
      const runId = randomUUID();
      const ids = ['r-0', 'r-1', 'r-2', 'r-3'];
      const { source, publisher, handler } = setUp(
        { progressEverySchedules: 2, scanBatchSize: 2 },
        ids.map((id) => scheduleSnapshot({ id })),
      );
      const message = await requestedRun(database.eventStore, clock, runId);
      const crashAfterFirstBatch = source.scan.bind(source);
      source.scan = async function* (criteria, batchSize) {
        for await (const batch of crashAfterFirstBatch(criteria, batchSize)) {
          yield batch;
          throw new Error('filtering process killed');
        }
      };
      await expect(handler.handle(message)).rejects.toThrow('filtering process killed');
      delete (source as { scan?: unknown }).scan;
      source.replace(ids.map((id) => scheduleSnapshot({ id, holdBilling: id !== 'r-3' })));

      await expect(handler.handle(message)).resolves.toMatchObject({
        outcome: 'Published',
        groupsExpected: 1,
      });
      const run = await loadInvoiceBatchRun(database.eventStore, runId);
      if (run.state.status === 'NotRequested') throw new Error('no run');
      expect(run.state.run.filtering).toEqual({
        billingSchedulesScanned: 4,
        billingSchedulesSelected: 1,
        excludedByReason: Object.fromEntries(
          EXCLUSION_REASONS.map((reason) => [reason, reason === 'OnHold' ? 3 : 0]),
        ),
      });
      expect(publisher.on(Topics.GroupWork).map((item) => item.envelope.data)).toEqual([
        expect.objectContaining({ billingScheduleIds: ['r-3'] }),
      ]);
    });
  });

  describe('when the read model does not catch up in time', () => {
    it('fails transiently and completes nothing', async () => {
      const runId = randomUUID();
      const { source, publisher, handler } = setUp();
      source.catchUpFailure = new Error('timed out');
      await expect(handler.handle(await requestedRun(database.eventStore, clock, runId))).rejects.toThrow(
        TransientError,
      );
      expect(await runEventTypes(runId)).toEqual([
        'InvoiceBatchRunRequested',
        'BillingSchedulesFilteringStarted',
      ]);
      expect(publisher.published).toHaveLength(0);
    });
  });

  describe('when the run is unknown', () => {
    it('ignores the request', async () => {
      const { publisher, handler } = setUp();
      const result = await handler.handle({ messageId: randomUUID(), data: { runId: randomUUID() } });
      expect(result).toMatchObject({ outcome: 'Ignored', reason: 'UnknownRun' });
      expect(publisher.published).toHaveLength(0);
    });
  });
});
