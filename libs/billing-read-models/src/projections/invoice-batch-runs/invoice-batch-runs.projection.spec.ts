import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@invoice-engine/event-store';
import type { InvoiceBatchRunEvent } from '@invoice-engine/invoice-batch-runs';
import type { RowOperation, UpsertRows } from '@invoice-engine/read-models';
import {
  minute,
  runHistory,
  runRequest,
  runThroughEveryStage,
} from '../../testing/invoice-batch-run.fixture';
import { RecordedLog } from '../../testing/recorded-log.fixture';
import { invoiceBatchRunsProjection } from './invoice-batch-runs.projection';

function recordedRun(withFailure: boolean): RecordedEvent[] {
  return new RecordedLog().recordAll('invoiceBatchRun-run-1', runThroughEveryStage('run-1', withFailure));
}

function recorded(type: InvoiceBatchRunEvent['type'], withFailure = true): RecordedEvent {
  const event = recordedRun(withFailure).find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`No ${type}`);
  return event;
}

function rows(operations: readonly RowOperation[], table: string): UpsertRows['rows'] {
  return operations.flatMap((operation) =>
    operation.kind === 'upsert' && operation.table === table ? operation.rows : [],
  );
}

function runRow(event: RecordedEvent): Record<string, unknown> {
  const [row] = rows(invoiceBatchRunsProjection.fold([event]), 'invoice_batch_runs');
  if (row === undefined) throw new Error(`${event.type} wrote no run row`);
  return row;
}

function stageRows(event: RecordedEvent): UpsertRows['rows'] {
  return rows(invoiceBatchRunsProjection.fold([event]), 'invoice_batch_run_stages');
}

describe('the invoice-batch-runs projection', () => {
  it('writes the request with zero counts and no subtype when a run is requested', () => {
    const event = recorded('InvoiceBatchRunRequested');
    expect(runRow(event)).toMatchObject({
      run_id: 'run-1',
      status: 'Started',
      status_subtype: null,
      target_date: '2026-03-01',
      invoice_status: 'Draft',
      default_currency: 'USD',
      trigger_type: 'Scheduler',
      requested_at: minute(0),
      total_invoices_generated: 0,
      total_invoiced_amount: null,
    });
    expect(JSON.parse(String(runRow(event)['criteria']))).toMatchObject({
      currencies: ['USD'],
      billingBatches: [null],
    });
    expect(stageRows(event)).toEqual([]);
  });

  it('starts the run and its filtering stage when filtering starts', () => {
    const event = recorded('BillingSchedulesFilteringStarted');
    expect(runRow(event)).toEqual({
      run_id: 'run-1',
      status_subtype: 'BillingSchedulesFilteringStarted',
      started_at: minute(1),
      filtering_started_at: minute(1),
      last_position: event.position,
    });
    expect(stageRows(event)).toEqual([
      {
        run_id: 'run-1',
        revision: 1n,
        status_subtype: 'BillingSchedulesFilteringStarted',
        event_type: 'BillingSchedulesFilteringStarted',
        occurred_at: minute(1),
        counts: '{}',
        last_position: event.position,
      },
    ]);
  });

  it('writes the filtering counts as filtering progresses and completes', () => {
    expect(runRow(recorded('BillingSchedulesFilteringProgressed'))).toMatchObject({
      status_subtype: 'BillingSchedulesFilteringInProgress',
      billing_schedules_scanned: 1,
      total_filtered_billing_schedules: 1,
    });
    const completed = recorded('BillingSchedulesFilteringCompleted');
    expect(runRow(completed)).toMatchObject({
      status_subtype: 'BillingSchedulesFilteringCompleted',
      billing_schedules_scanned: 3,
      total_filtered_billing_schedules: 2,
      groups_expected: 2,
      filtering_completed_at: minute(3),
    });
    expect(JSON.parse(String(runRow(completed)['excluded_by_reason']))).toMatchObject({
      NotDue: 1,
      OnHold: 0,
    });
    expect(JSON.parse(String(stageRows(completed)[0]?.['counts']))).toMatchObject({
      billingSchedulesSelected: 2,
      groupsExpected: 2,
    });
  });

  it('writes the generation stages with cumulative counts and totals per currency', () => {
    expect(runRow(recorded('InvoiceGenerationStarted'))).toMatchObject({
      status_subtype: 'InvoiceGenerationStarted',
      groups_expected: 2,
      generation_started_at: minute(4),
    });
    const progressed = runRow(recorded('InvoiceGenerationProgressed'));
    expect(progressed).toMatchObject({
      status_subtype: 'InvoiceGenerationInProgress',
      groups_completed: 2,
      groups_failed: 1,
      total_invoices_generated: 2,
      total_invoices_processed: 1,
      total_invoices_failed: 1,
      total_draft_invoices: 1,
    });
    expect(JSON.parse(String(progressed['totals_by_currency']))).toEqual({
      USD: { invoiced: '546.63', draft: '546.63' },
    });
    expect(runRow(recorded('InvoiceGenerationCompleted'))).toMatchObject({
      status_subtype: 'InvoiceGenerationCompleted',
      generation_completed_at: minute(6),
    });
    expect(runRow(recorded('SummarizationStarted'))).toMatchObject({
      status_subtype: 'InvoiceGenerationSummarizationInProgress',
      summarization_started_at: minute(7),
    });
  });

  it('writes the summary and the failed status when a group failed', () => {
    const failed = recorded('InvoiceBatchRunFailed');
    expect(runRow(failed)).toMatchObject({
      status: 'Failed',
      status_subtype: 'Failed',
      total_filtered_billing_schedules: 2,
      total_billing_schedules_failed: 1,
      total_invoiced_amount: '546.63',
      total_draft_invoice_amount: '546.63',
      currency: 'USD',
      groups_failed: 1,
      completed_at: minute(8),
    });
    expect(JSON.parse(String(stageRows(failed)[0]?.['counts']))).toMatchObject({
      groupsFailed: 1,
      totalInvoicedAmount: '546.63',
    });
  });

  it('writes the summary and the completed status when every group succeeded', () => {
    expect(runRow(recorded('InvoiceBatchRunCompleted', false))).toMatchObject({
      status: 'Completed',
      status_subtype: 'Completed',
      total_invoices_generated: 1,
      total_invoiced_amount: '546.63',
      completed_at: minute(8),
    });
  });

  it('writes who canceled the run and why, and no stage', () => {
    const events = new RecordedLog().recordAll(
      'invoiceBatchRun-run-1',
      runHistory(
        { type: 'RequestInvoiceBatchRun', request: runRequest('run-1') },
        {
          type: 'CancelInvoiceBatchRun',
          runId: 'run-1',
          canceledBy: 'ops@example.com',
          reason: 'Wrong date',
          canceledAt: minute(2),
        },
      ),
    );
    const canceled = events[1];
    if (canceled === undefined) throw new Error('The run was not canceled');
    expect(runRow(canceled)).toEqual({
      run_id: 'run-1',
      status: 'Canceled',
      canceled_by: 'ops@example.com',
      cancel_reason: 'Wrong date',
      completed_at: minute(2),
      last_position: canceled.position,
    });
    expect(stageRows(canceled)).toEqual([]);
  });
});
