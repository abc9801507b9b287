import type {
  BillingScheduleCreated,
  BillingScheduleInvoiced,
  BillingSchedulePeriodsReleased,
  BillingScheduleSnapshot,
  BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { deleteRows, upsertRows, type Row, type RowOperation } from '@invoice-engine/read-models';
import { amountColumn, jsonColumn } from '../column-values';
import type { RecordedDomainEvent } from '../recorded-domain-event';

export const BillingScheduleTables = {
  Schedules: 'billing_schedules',
  InvoicedPeriods: 'billing_schedule_invoiced_periods',
  Invoices: 'billing_schedule_invoices',
  Groups: 'billing_schedule_groups',
} as const;

/** What every schedule event carries: which schedule, at which revision and position. */
interface ScheduleEventFacts {
  readonly data: { readonly billingScheduleId: string };
  readonly revision: bigint;
  readonly position: bigint;
}

export function snapshotColumns(snapshot: BillingScheduleSnapshot): Row {
  return {
    status: snapshot.status,
    invoice_run_processing_status: snapshot.invoiceRunProcessingStatus,
    next_charge_from_date: snapshot.nextChargeFromDate,
    next_billing_date: snapshot.nextBillingDate,
    billed_through_date: snapshot.billedThroughDate,
    billed_amount: amountColumn(snapshot.billedAmount),
    pending_amount: amountColumn(snapshot.pendingAmount),
  };
}

/**
 * The terms a schedule's events may change later each have a column of their own: a fold cannot
 * read the row to rewrite a jsonb document, so an event writes exactly the columns it changes and
 * `terms_at_creation` keeps the rest.
 */
function amendableTermColumns(terms: BillingScheduleTerms): Row {
  return {
    unit_price: terms.unitPrice,
    quantity: terms.quantity,
    start_date: terms.startDate,
    end_date: terms.endDate,
    cancellation_date: terms.cancellationDate,
    suspension_from: terms.suspension?.from ?? null,
    suspension_resume_on: terms.suspension?.resumeOn ?? null,
    hold_billing: terms.holdBilling,
    generate_invoice: terms.generateInvoice,
  };
}

/**
 * Overwrites some columns of a schedule's row (insert-or-update, guarded by position so that an old
 * event replayed alone cannot move the row back).
 */
export function updateSchedule(event: ScheduleEventFacts, columns: Row): RowOperation {
  return upsertRows(
    BillingScheduleTables.Schedules,
    ['billing_schedule_id'],
    [
      {
        billing_schedule_id: event.data.billingScheduleId,
        ...columns,
        revision: event.revision,
        last_position: event.position,
      },
    ],
    'last_position',
  );
}

export function createdScheduleRows(
  event: RecordedDomainEvent<BillingScheduleCreated>,
): readonly RowOperation[] {
  const { terms, snapshot } = event.data;
  const schedule = updateSchedule(event, {
    billing_schedule_group_id: terms.billingScheduleGroupId,
    billing_account_id: terms.billingAccountId,
    currency: terms.currency,
    billing_batch: terms.billingBatch,
    legal_entity_id: terms.legalEntityId,
    charge_type: terms.chargeType,
    billing_method: terms.billingMethod,
    billing_type: terms.billingType,
    invoice_group_type: terms.invoiceGroupType,
    terms_at_creation: jsonColumn(terms),
    ...amendableTermColumns(terms),
    activated: terms.activated,
    invoicing_enabled_at: null,
    ...snapshotColumns(snapshot),
    failure_run_id: null,
    failure_error_code: null,
    failure_message: null,
  });
  if (terms.billingScheduleGroupId === null) return [schedule];
  const group = upsertRows(
    BillingScheduleTables.Groups,
    ['billing_schedule_group_id', 'billing_schedule_id'],
    [
      {
        billing_schedule_group_id: terms.billingScheduleGroupId,
        billing_schedule_id: terms.id,
        last_position: event.position,
      },
    ],
    'last_position',
  );
  return [schedule, group];
}

export function invoicedRows(event: RecordedDomainEvent<BillingScheduleInvoiced>): readonly RowOperation[] {
  const { billingScheduleId, runId, invoiceId, invoiceStatus, periods, snapshot } = event.data;
  const invoice = upsertRows(
    BillingScheduleTables.Invoices,
    ['billing_schedule_id', 'invoice_id'],
    [
      {
        billing_schedule_id: billingScheduleId,
        invoice_id: invoiceId,
        run_id: runId,
        invoice_status: invoiceStatus,
        last_position: event.position,
      },
    ],
    'last_position',
  );
  const periodRows = periods.map((period, index) => ({
    billing_schedule_id: billingScheduleId,
    period_start: period.periodStart,
    period_end: period.periodEnd,
    charge_amount: amountColumn(period.chargeAmount),
    currency: period.chargeAmount.currency,
    run_id: runId,
    invoice_id: invoiceId,
    added_position: event.position,
    period_index: index,
  }));
  return [
    updateSchedule(event, snapshotColumns(snapshot)),
    invoice,
    upsertRows(
      BillingScheduleTables.InvoicedPeriods,
      ['billing_schedule_id', 'period_start'],
      periodRows,
      'added_position',
    ),
  ];
}

export function releasedRows(
  event: RecordedDomainEvent<BillingSchedulePeriodsReleased>,
): readonly RowOperation[] {
  const { billingScheduleId, invoiceId, periods, snapshot } = event.data;
  return [
    updateSchedule(event, snapshotColumns(snapshot)),
    deleteRows(
      BillingScheduleTables.Invoices,
      ['billing_schedule_id', 'invoice_id'],
      [{ billing_schedule_id: billingScheduleId, invoice_id: invoiceId }],
    ),
    deleteRows(
      BillingScheduleTables.InvoicedPeriods,
      ['billing_schedule_id', 'period_start'],
      periods.map((period) => ({ billing_schedule_id: billingScheduleId, period_start: period.periodStart })),
    ),
  ];
}

/** The draft's lines are now on a posted invoice (the row was inserted by `BillingScheduleInvoiced`). */
export function postedDraftRow(event: ScheduleEventFacts, invoiceId: string): RowOperation {
  return upsertRows(
    BillingScheduleTables.Invoices,
    ['billing_schedule_id', 'invoice_id'],
    [
      {
        billing_schedule_id: event.data.billingScheduleId,
        invoice_id: invoiceId,
        invoice_status: 'Posted',
        last_position: event.position,
      },
    ],
    'last_position',
  );
}
