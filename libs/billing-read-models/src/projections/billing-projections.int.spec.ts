import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GlobalPosition, RecordedEvent } from '@invoice-engine/event-store';
import { streamName, StreamCategory } from '@invoice-engine/kernel';
import { applyProjectionBatch, readProjectionCheckpoint, type Projection } from '@invoice-engine/read-models';
import {
  fullScheduleLifecycle,
  scheduleHistory,
  scheduleOf,
  scheduleTerms,
} from '../testing/billing-schedule.fixture';
import { invoiceFailedWhilePending, invoiceFor, postedInvoiceHistory } from '../testing/invoice.fixture';
import { runThroughEveryStage } from '../testing/invoice-batch-run.fixture';
import {
  appendHistory,
  openTestDatabases,
  runProjectionUntil,
  tableContents,
  type TestDatabases,
} from '../testing/postgres.fixture';
import { fullSchedulerLifecycle, schedulerHistory, dailyDefinition } from '../testing/scheduler.fixture';
import { billingProjections } from './billing-projections';
import { refreshNextFireTimes } from './schedulers/refresh-next-fire-times';
import { instant } from '@invoice-engine/kernel';

let databases: TestDatabases;
let head: GlobalPosition;
const created = scheduleHistory({ type: 'CreateBillingSchedule', terms: scheduleTerms({ id: 'bs-2' }) });
const invoice = invoiceFor(scheduleOf(created), 'run-1', '2026-03-01');

beforeAll(async () => {
  databases = await openTestDatabases('brm_projections');
  const { store } = databases;
  await appendHistory(store, streamName(StreamCategory.BillingSchedule, 'bs-1'), fullScheduleLifecycle());
  await appendHistory(store, streamName(StreamCategory.BillingSchedule, 'bs-2'), created);
  await appendHistory(
    store,
    streamName(StreamCategory.Invoice, invoice.invoiceId),
    postedInvoiceHistory(invoice),
  );
  await appendHistory(
    store,
    streamName(StreamCategory.Invoice, 'inv-9'),
    invoiceFailedWhilePending('inv-9', 'run-1'),
  );
  await appendHistory(
    store,
    streamName(StreamCategory.InvoiceBatchRun, 'run-1'),
    runThroughEveryStage('run-1', true),
  );
  await appendHistory(
    store,
    streamName(StreamCategory.InvoiceBatchScheduler, 'scheduler-1'),
    fullSchedulerLifecycle(),
  );
  head = await appendHistory(
    store,
    streamName(StreamCategory.InvoiceBatchScheduler, 'scheduler-2'),
    schedulerHistory(
      {
        type: 'CreateInvoiceBatchScheduler',
        data: {
          schedulerId: 'scheduler-2',
          definition: dailyDefinition(),
          requestedAt: instant('2026-03-01T04:00:00.000Z'),
        },
      },
      {
        type: 'ActivateInvoiceBatchScheduler',
        data: { schedulerId: 'scheduler-2', requestedAt: instant('2026-03-01T05:00:00.000Z') },
      },
    ),
  );
  for (const projection of billingProjections) await runProjectionUntil(databases, projection, head);
  await refreshNextFireTimes(databases.dataSource);
});

afterAll(async () => {
  await databases.close();
});

function query<Row>(text: string): Promise<Row[]> {
  return databases.dataSource.query<Row[]>(text.replaceAll('rm.', `"${databases.readModelSchema}".`));
}

describe('the billing projections fed by the PostgreSQL event store', () => {
  it('project the schedules with their state, invoiced periods and groups', async () => {
    expect(
      await query(`SELECT billing_schedule_id, status, invoice_run_processing_status, unit_price, quantity,
                          cancellation_date::text, billed_amount::text, pending_amount::text, revision::text
                     FROM rm.billing_schedules ORDER BY 1`),
    ).toEqual([
      {
        billing_schedule_id: 'bs-1',
        status: 'ReadyForInvoicing',
        invoice_run_processing_status: 'PendingBilling',
        unit_price: '110.00',
        quantity: '3',
        cancellation_date: '2026-10-01',
        billed_amount: '840.97',
        pending_amount: '330.00',
        revision: '16',
      },
      expect.objectContaining({ billing_schedule_id: 'bs-2', status: 'ReadyForInvoicing', revision: '0' }),
    ]);
    expect(
      await query(
        `SELECT period_start::text, invoice_id FROM rm.billing_schedule_invoiced_periods ORDER BY 1`,
      ),
    ).toEqual([
      { period_start: '2026-01-15', invoice_id: 'inv-1' },
      { period_start: '2026-02-01', invoice_id: 'inv-1' },
      { period_start: '2026-03-01', invoice_id: 'inv-1' },
    ]);
    expect(await query(`SELECT invoice_id, invoice_status FROM rm.billing_schedule_invoices`)).toEqual([
      { invoice_id: 'inv-1', invoice_status: 'Posted' },
    ]);
    expect(await query(`SELECT * FROM rm.billing_schedule_groups`)).toEqual([
      expect.objectContaining({ billing_schedule_group_id: 'group-1', billing_schedule_id: 'bs-1' }),
    ]);
  });

  it('project the invoices, their lines and taxes, the failed one included', async () => {
    expect(
      await query(`SELECT invoice_id, status, invoice_number, subtotal::text, tax_total::text, total::text,
                          total_minor::text, failure_code FROM rm.invoices ORDER BY status`),
    ).toEqual([
      {
        invoice_id: 'inv-9',
        status: 'Error',
        invoice_number: null,
        subtotal: null,
        tax_total: null,
        total: null,
        total_minor: null,
        failure_code: 'TAX.RATE_NOT_FOUND',
      },
      {
        invoice_id: invoice.invoiceId,
        status: 'Posted',
        invoice_number: 'INV-1001',
        subtotal: '509.68',
        tax_total: '36.95',
        total: '546.63',
        total_minor: '54663',
        failure_code: null,
      },
    ]);
    expect(
      await query(`SELECT line_no, tax_amount::text, tax_status FROM rm.invoice_lines ORDER BY line_no`),
    ).toEqual([
      { line_no: 1, tax_amount: '7.95', tax_status: 'Posted' },
      { line_no: 2, tax_amount: '14.50', tax_status: 'Posted' },
      { line_no: 3, tax_amount: '14.50', tax_status: 'Posted' },
    ]);
    expect(
      await query(
        `SELECT tax_status, tax_rate::text, tax_amount::text FROM rm.invoice_taxes ORDER BY tax_status`,
      ),
    ).toEqual([
      { tax_status: 'Estimated', tax_rate: '0.0725', tax_amount: '36.95' },
      { tax_status: 'Posted', tax_rate: '0.0725', tax_amount: '36.95' },
    ]);
  });

  it('project the run, its stages and the error logs', async () => {
    expect(
      await query(`SELECT status, status_subtype, total_invoices_generated, total_invoices_failed,
                          total_invoiced_amount::text, currency FROM rm.invoice_batch_runs`),
    ).toEqual([
      {
        status: 'Failed',
        status_subtype: 'Failed',
        total_invoices_generated: 2,
        total_invoices_failed: 1,
        total_invoiced_amount: '546.63',
        currency: 'USD',
      },
    ]);
    expect(
      (
        await query<{ status_subtype: string }>(
          `SELECT status_subtype FROM rm.invoice_batch_run_stages ORDER BY revision`,
        )
      ).map((row) => row.status_subtype),
    ).toEqual([
      'BillingSchedulesFilteringStarted',
      'BillingSchedulesFilteringInProgress',
      'BillingSchedulesFilteringCompleted',
      'InvoiceGenerationStarted',
      'InvoiceGenerationInProgress',
      'InvoiceGenerationCompleted',
      'InvoiceGenerationSummarizationInProgress',
      'Failed',
    ]);
    expect(
      await query(
        `SELECT primary_record_type, primary_record_id, category FROM rm.revenue_transaction_error_logs ORDER BY 1`,
      ),
    ).toEqual([
      { primary_record_type: 'BillingSchedule', primary_record_id: 'bs-9', category: 'TaxCalculation' },
      { primary_record_type: 'Invoice', primary_record_id: 'inv-9', category: 'TaxCalculation' },
    ]);
  });

  it('project the schedulers with the next fire time of the active one', async () => {
    expect(
      await query(`SELECT scheduler_id, status, to_char(next_fire_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS next_fire_time
                     FROM rm.invoice_batch_schedulers ORDER BY 1`),
    ).toEqual([
      { scheduler_id: 'scheduler-1', status: 'Canceled', next_fire_time: null },
      { scheduler_id: 'scheduler-2', status: 'Active', next_fire_time: '2026-03-01 06:00' },
    ]);
    expect(await refreshNextFireTimes(databases.dataSource)).toBe(0);
  });
});

describe.each(billingProjections.map((projection) => [projection.name, projection] as const))(
  'the %s projection applied twice',
  (_name, projection: Projection) => {
    it('leaves its rows unchanged, by checkpoint and by idempotent upserts', async () => {
      const { dataSource, readModelSchema, store } = databases;
      const events: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({
        from: 'start',
        filter: { eventTypes: projection.eventTypes },
        onEvents: (batch) => {
          events.push(...batch.events);
          return Promise.resolve();
        },
      });
      while (events.at(-1) === undefined || (events.at(-1)?.position ?? 0n) < lastPositionOf(projection)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await subscription.stop();
      const batch = { events, checkpoint: events.at(-1)?.position ?? 0n };
      const before = await tableContents(dataSource, readModelSchema, projection.tables);

      expect(await applyProjectionBatch(dataSource, projection, batch)).toMatchObject({ folded: 0 });
      await dataSource.query(
        `DELETE FROM "${readModelSchema}".projection_checkpoints WHERE projection_name = $1`,
        [projection.name],
      );
      expect((await applyProjectionBatch(dataSource, projection, batch)).folded).toBe(events.length);

      expect(await tableContents(dataSource, readModelSchema, projection.tables)).toEqual(before);
      expect(await readProjectionCheckpoint(dataSource.manager, readModelSchema, projection.name)).toBe(
        batch.checkpoint,
      );
    });
  },
);

/** The position of the last event of the projection's types (the stored checkpoint after the run). */
function lastPositionOf(projection: Projection): GlobalPosition {
  return positions.get(projection.name) ?? 0n;
}
const positions = new Map<string, GlobalPosition>();
beforeAll(async () => {
  for (const projection of billingProjections) {
    const rows = await databases.dataSource.query<{ position: string }[]>(
      `SELECT max(position)::text AS position FROM "${databases.eventStoreSchema}".events WHERE type = ANY($1)`,
      [[...projection.eventTypes]],
    );
    positions.set(projection.name, BigInt(rows[0]?.position ?? '0'));
  }
});
