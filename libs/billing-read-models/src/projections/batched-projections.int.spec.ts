import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@invoice-engine/event-store';
import { calendarDate, streamName, StreamCategory } from '@invoice-engine/kernel';
import { applyProjectionBatch, qualifiedTable, type Projection } from '@invoice-engine/read-models';
import {
  fullScheduleLifecycle,
  invoiceDue,
  scheduleHistory,
  scheduleOf,
  scheduleTerms,
} from '../testing/billing-schedule.fixture';
import {
  canceledInvoiceHistory,
  invoiceFailedWhilePending,
  invoiceFor,
  postedInvoiceHistory,
} from '../testing/invoice.fixture';
import { runThroughEveryStage } from '../testing/invoice-batch-run.fixture';
import { openTestDatabases, tableContents, type TestDatabases } from '../testing/postgres.fixture';
import { RecordedLog } from '../testing/recorded-log.fixture';
import { fullSchedulerLifecycle } from '../testing/scheduler.fixture';
import { billingProjections } from './billing-projections';

/** Invoiced, failed, released and reset, then the same periods invoiced again: a delete, then the same keys re-added. */
function reinvoicedAfterRelease(id: string) {
  const on = { billingScheduleId: id };
  return scheduleHistory(
    { type: 'CreateBillingSchedule', terms: scheduleTerms({ id }) },
    invoiceDue('2026-03-01', { runId: 'run-1', invoiceId: 'inv-a', invoiceStatus: 'Draft' }),
    { type: 'MarkBillingScheduleError', ...on, runId: 'run-1', errorCode: 'TAX.NO_RATE', message: 'No rate' },
    { type: 'ReleaseInvoicedPeriods', ...on, invoiceId: 'inv-a' },
    { type: 'ResetBillingScheduleFromError', ...on, recoveryRunId: 'recovery-1' },
    invoiceDue('2026-03-01', { runId: 'run-3', invoiceId: 'inv-b', invoiceStatus: 'Draft' }),
    { type: 'PostDraftInvoice', ...on, invoiceId: 'inv-b' },
    { type: 'AmendBillingSchedulePrice', ...on, unitPrice: '120.00' },
    { type: 'HoldBilling', ...on },
    {
      type: 'SuspendBillingSchedule',
      ...on,
      from: calendarDate('2026-08-01'),
      resumeOn: calendarDate('2026-09-01'),
    },
  );
}

/** Every projection's events, interleaved over several streams as they would be recorded. */
function recordedHistory(): RecordedEvent[] {
  const log = new RecordedLog();
  const invoiced = scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-3' }) });
  const invoice = invoiceFor(scheduleOf(invoiced), 'run-1', '2026-03-01');
  const canceled = invoiceFor(
    scheduleOf(scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-4' }) })),
    'run-2',
    '2026-03-01',
  );
  log.recordAll(streamName(StreamCategory.BillingSchedule, 'bs-1'), fullScheduleLifecycle('bs-1'));
  log.recordAll(streamName(StreamCategory.BillingSchedule, 'bs-2'), reinvoicedAfterRelease('bs-2'));
  log.recordAll(streamName(StreamCategory.BillingSchedule, 'bs-3'), invoiced);
  log.recordAll(streamName(StreamCategory.Invoice, invoice.invoiceId), postedInvoiceHistory(invoice));
  log.recordAll(streamName(StreamCategory.Invoice, canceled.invoiceId), canceledInvoiceHistory(canceled));
  log.recordAll(streamName(StreamCategory.Invoice, 'inv-9'), invoiceFailedWhilePending('inv-9', 'run-1'));
  log.recordAll(streamName(StreamCategory.InvoiceBatchRun, 'run-1'), runThroughEveryStage('run-1', true));
  log.recordAll(streamName(StreamCategory.InvoiceBatchRun, 'run-2'), runThroughEveryStage('run-2', false));
  log.recordAll(streamName(StreamCategory.InvoiceBatchScheduler, 'scheduler-1'), fullSchedulerLifecycle());
  // Interleave the streams by position order of a busy store: alternate events of different streams.
  return [...log.events]
    .sort((left, right) => Number(left.revision - right.revision) || Number(left.position - right.position))
    .map((event, index) => ({ ...event, position: BigInt(index + 1) * 10n }));
}

const history = recordedHistory();
let oneByOne: TestDatabases;
let batched: TestDatabases;

function eventsOf(projection: Projection): RecordedEvent[] {
  return history.filter((event) => projection.eventTypes.includes(event.type));
}

async function rows(databases: TestDatabases, projection: Projection) {
  return tableContents(databases.dataSource, databases.readModelSchema, projection.tables);
}

beforeAll(async () => {
  oneByOne = await openTestDatabases('brm_one_by_one');
  batched = await openTestDatabases('brm_batched');
  for (const projection of billingProjections) {
    for (const event of eventsOf(projection)) {
      await applyProjectionBatch(oneByOne.dataSource, projection, {
        events: [event],
        checkpoint: event.position,
      });
    }
  }
});

afterAll(async () => {
  await oneByOne.close();
  await batched.close();
});

describe.each(billingProjections.map((projection) => [projection.name, projection] as const))(
  'the %s projection applied in one batch',
  (_name, projection) => {
    it('leaves the same rows as its events applied one by one', async () => {
      const events = eventsOf(projection);
      const last = events.at(-1)?.position ?? 0n;

      const applied = await applyProjectionBatch(batched.dataSource, projection, {
        events,
        checkpoint: last,
      });

      expect(applied.folded).toBe(events.length);
      expect(await rows(batched, projection)).toEqual(await rows(oneByOne, projection));
    });

    it('leaves the rows unchanged when applied twice, with and without the checkpoint', async () => {
      const events = eventsOf(projection);
      const last = events.at(-1)?.position ?? 0n;
      const before = await rows(batched, projection);

      const again = await applyProjectionBatch(batched.dataSource, projection, { events, checkpoint: last });
      await batched.dataSource.query(
        `DELETE FROM ${qualifiedTable(batched.readModelSchema, 'projection_checkpoints')} WHERE projection_name = $1`,
        [projection.name],
      );
      const withoutCheckpoint = await applyProjectionBatch(batched.dataSource, projection, {
        events,
        checkpoint: last,
      });

      expect(again.folded).toBe(0);
      expect(withoutCheckpoint.folded).toBe(events.length);
      expect(await rows(batched, projection)).toEqual(before);
    });
  },
);

describe('the batched billing-schedules projection', () => {
  it('re-adds the periods a batch released and invoiced again', async () => {
    const periods = await batched.dataSource.query<{ invoice_id: string }[]>(
      `SELECT invoice_id FROM ${qualifiedTable(batched.readModelSchema, 'billing_schedule_invoiced_periods')}
        WHERE billing_schedule_id = 'bs-2'`,
    );

    expect(periods.length).toBeGreaterThan(0);
    expect(new Set(periods.map((period) => period.invoice_id))).toEqual(new Set(['inv-b']));
  });
});
