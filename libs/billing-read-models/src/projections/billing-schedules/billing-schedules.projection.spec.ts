import { describe, expect, it } from '@jest/globals';
import type { BillingScheduleEvent } from '@invoice-engine/billing-schedules';
import type { RecordedEvent } from '@invoice-engine/event-store';
import { calendarDate, streamName, StreamCategory } from '@invoice-engine/kernel';
import type { RowOperation, UpsertRows } from '@invoice-engine/read-models';
import {
  fullScheduleLifecycle,
  scheduleHistory,
  scheduleTerms,
} from '../../testing/billing-schedule.fixture';
import { RecordedLog } from '../../testing/recorded-log.fixture';
import { billingSchedulesProjection, RUN_REQUEST_MARKER } from './billing-schedules.projection';

const stream = streamName(StreamCategory.BillingSchedule, 'bs-1');

function recordedLifecycle(): RecordedEvent[] {
  return new RecordedLog().recordAll(stream, fullScheduleLifecycle());
}

function recorded(type: BillingScheduleEvent['type'], occurrence = 0): RecordedEvent {
  const event = recordedLifecycle().filter((candidate) => candidate.type === type)[occurrence];
  if (event === undefined) throw new Error(`The lifecycle has no ${type} #${occurrence}`);
  return event;
}

function fold(event: RecordedEvent): readonly RowOperation[] {
  return billingSchedulesProjection.fold([event]);
}

function upserts(operations: readonly RowOperation[], table: string): UpsertRows['rows'] {
  return operations.flatMap((operation) =>
    operation.kind === 'upsert' && operation.table === table ? operation.rows : [],
  );
}

function scheduleRow(event: RecordedEvent): Record<string, unknown> {
  const [row] = upserts(fold(event), 'billing_schedules');
  if (row === undefined) throw new Error(`${event.type} wrote no billing_schedules row`);
  return row;
}

describe('the billing-schedules projection', () => {
  it('handles every billing schedule event type and the run request marker', () => {
    const types = new Set(recordedLifecycle().map((event) => event.type));
    expect([...types].sort()).toEqual(
      billingSchedulesProjection.eventTypes.filter((type) => type !== RUN_REQUEST_MARKER).sort(),
    );
  });

  it('writes the whole row, the terms at creation and the group when a schedule is created', () => {
    const event = recorded('BillingScheduleCreated');
    const operations = fold(event);
    expect(scheduleRow(event)).toMatchObject({
      billing_schedule_id: 'bs-1',
      billing_schedule_group_id: 'group-1',
      billing_account_id: 'acct-1',
      currency: 'USD',
      billing_batch: null,
      legal_entity_id: 'le-1',
      charge_type: 'Recurring',
      unit_price: '100.00',
      quantity: '2',
      start_date: '2026-01-15',
      hold_billing: false,
      generate_invoice: false,
      status: 'ReadyForInvoicing',
      invoice_run_processing_status: 'WillNotInvoice',
      next_charge_from_date: '2026-01-15',
      next_billing_date: '2026-01-15',
      billed_through_date: null,
      billed_amount: '0.00',
      pending_amount: '109.68',
      failure_run_id: null,
      revision: 0n,
      last_position: event.position,
    });
    expect(JSON.parse(String(scheduleRow(event)['terms_at_creation']))).toMatchObject({
      id: 'bs-1',
      billToAddress: { country: 'US', region: 'CA' },
    });
    expect(upserts(operations, 'billing_schedule_groups')).toEqual([
      { billing_schedule_group_id: 'group-1', billing_schedule_id: 'bs-1', last_position: event.position },
    ]);
  });

  it('guards every upsert with the event position so an old event cannot move a row back', () => {
    const guards = recordedLifecycle()
      .flatMap((event) => fold(event))
      .map((operation) => (operation.kind === 'upsert' ? operation.onlyWhenGreater : 'delete'));
    expect(new Set(guards)).toEqual(new Set(['last_position', 'added_position', 'delete']));
  });

  it('writes the new price, quantity and dates with the snapshot they lead to', () => {
    expect(scheduleRow(recorded('BillingSchedulePriceAmended'))).toMatchObject({
      unit_price: '110.00',
      pending_amount: '120.65',
    });
    expect(scheduleRow(recorded('BillingScheduleQuantityAmended'))).toMatchObject({
      quantity: '3',
      pending_amount: '180.97',
    });
    expect(scheduleRow(recorded('BillingScheduleDatesAmended'))).toMatchObject({
      start_date: '2026-01-15',
      end_date: '2026-12-31',
    });
  });

  it('writes only the flag when billing is held or released', () => {
    expect(scheduleRow(recorded('BillingScheduleHeld'))).toEqual({
      billing_schedule_id: 'bs-1',
      hold_billing: true,
      revision: 6n,
      last_position: 70n,
    });
    expect(scheduleRow(recorded('BillingScheduleHoldReleased'))).toMatchObject({ hold_billing: false });
  });

  it('writes the suspension window when suspended and when resumed', () => {
    expect(scheduleRow(recorded('BillingScheduleSuspended'))).toMatchObject({
      suspension_from: '2026-08-01',
      suspension_resume_on: null,
    });
    expect(scheduleRow(recorded('BillingScheduleResumed'))).toMatchObject({
      suspension_from: '2026-08-01',
      suspension_resume_on: '2026-09-01',
    });
  });

  it('enables invoicing with its time and the PendingBilling status', () => {
    expect(scheduleRow(recorded('BillingScheduleInvoicingEnabled'))).toMatchObject({
      generate_invoice: true,
      invoicing_enabled_at: '2026-02-01T00:00:00.000Z',
      invoice_run_processing_status: 'PendingBilling',
    });
  });

  it('records the invoiced periods, the invoice and the new position when invoiced', () => {
    const event = recorded('BillingScheduleInvoiced');
    const operations = fold(event);
    expect(scheduleRow(event)).toMatchObject({
      status: 'Processing',
      invoice_run_processing_status: 'InProgress',
      next_charge_from_date: '2026-04-01',
      billed_through_date: '2026-03-31',
    });
    expect(upserts(operations, 'billing_schedule_invoices')).toEqual([
      {
        billing_schedule_id: 'bs-1',
        invoice_id: 'inv-1',
        run_id: 'run-1',
        invoice_status: 'Draft',
        last_position: event.position,
      },
    ]);
    expect(
      upserts(operations, 'billing_schedule_invoiced_periods').map((row) => row['period_start']),
    ).toEqual(['2026-01-15', '2026-02-01', '2026-03-01']);
    expect(upserts(operations, 'billing_schedule_invoiced_periods')[0]).toMatchObject({
      charge_amount: '180.97',
      currency: 'USD',
      added_position: event.position,
      period_index: 0,
    });
  });

  it('marks the invoice posted when its draft is posted', () => {
    const event = recorded('BillingScheduleDraftInvoicePosted');
    expect(upserts(fold(event), 'billing_schedule_invoices')).toEqual([
      {
        billing_schedule_id: 'bs-1',
        invoice_id: 'inv-1',
        invoice_status: 'Posted',
        last_position: event.position,
      },
    ]);
    expect(scheduleRow(event)).toMatchObject({ status: 'ReadyForInvoicing' });
  });

  it('writes the given state of a schedule created as billed through a date', () => {
    const history = scheduleHistory({
      type: 'CreateBillingSchedule',
      terms: scheduleTerms(),
      givenState: { billedThroughDate: calendarDate('2026-02-28') },
    });
    const [, imported] = new RecordedLog().recordAll(stream, history);
    if (imported === undefined) throw new Error('No state was imported');
    expect(scheduleRow(imported)).toMatchObject({
      status: 'ReadyForInvoicing',
      invoice_run_processing_status: 'PendingBilling',
      next_charge_from_date: '2026-03-01',
      next_billing_date: '2026-03-01',
      billed_through_date: '2026-02-28',
      billed_amount: '309.68',
      pending_amount: '200.00',
      failure_run_id: null,
      revision: 1n,
    });
  });

  it('writes the failure of a schedule given in Error', () => {
    const history = scheduleHistory({
      type: 'CreateBillingSchedule',
      terms: scheduleTerms(),
      givenState: { status: 'Error' },
    });
    const [, imported] = new RecordedLog().recordAll(stream, history);
    if (imported === undefined) throw new Error('No state was imported');
    expect(scheduleRow(imported)).toMatchObject({
      status: 'Error',
      invoice_run_processing_status: 'Error',
      failure_run_id: 'given-state',
      failure_error_code: 'BILLING_SCHEDULE.GIVEN_IN_ERROR',
    });
  });

  it('records the failure when processing failed, and clears it when reset', () => {
    expect(scheduleRow(recorded('BillingScheduleProcessingFailed'))).toMatchObject({
      status: 'Error',
      invoice_run_processing_status: 'Error',
      failure_run_id: 'run-2',
      failure_error_code: 'TAX.NO_RATE',
      failure_message: 'No rate',
    });
    expect(scheduleRow(recorded('BillingScheduleErrorReset'))).toMatchObject({
      status: 'ReadyForInvoicing',
      failure_run_id: null,
      failure_error_code: null,
      failure_message: null,
    });
  });

  it('deletes the released periods and their invoice when periods are released', () => {
    const operations = fold(recorded('BillingSchedulePeriodsReleased'));
    expect(operations.filter((operation) => operation.kind === 'delete')).toEqual([
      {
        kind: 'delete',
        table: 'billing_schedule_invoices',
        key: ['billing_schedule_id', 'invoice_id'],
        keys: [{ billing_schedule_id: 'bs-1', invoice_id: 'inv-2' }],
      },
      {
        kind: 'delete',
        table: 'billing_schedule_invoiced_periods',
        key: ['billing_schedule_id', 'period_start'],
        keys: [{ billing_schedule_id: 'bs-1', period_start: '2026-04-01' }],
      },
    ]);
  });

  it('writes the cancellation date with the snapshot', () => {
    expect(scheduleRow(recorded('BillingScheduleCancelled'))).toMatchObject({
      cancellation_date: '2026-10-01',
    });
  });

  it('writes nothing for a run request, which only moves the checkpoint', () => {
    const marker = new RecordedLog().record('invoiceBatchRun-run-1', { type: RUN_REQUEST_MARKER, data: {} });
    expect(fold(marker)).toEqual([]);
  });

  it('refuses an event it was not subscribed to', () => {
    const stranger = new RecordedLog().record(stream, { type: 'InvoicePosted', data: {} });
    expect(() => fold(stranger)).toThrow('InvoicePosted');
  });
});
