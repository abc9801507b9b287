import type {
  BillingSchedule,
  BillingScheduleState,
  BillingScheduleTerms,
  InvoicedPeriod,
} from '@invoice-engine/billing-schedules';
import {
  parseMoney,
  reviveBigIntsInPlace,
  type CalendarDate,
  type CurrencyCode,
  type Instant,
} from '@invoice-engine/kernel';

/** A `billing_schedules` row as `PostgresBillingScheduleSource` selects it (dates and amounts as text). */
export interface BillingScheduleRow {
  readonly billing_schedule_id: string;
  readonly currency: string;
  readonly terms_at_creation: unknown;
  readonly unit_price: string | null;
  readonly quantity: string;
  readonly start_date: string | null;
  readonly end_date: string | null;
  readonly cancellation_date: string | null;
  readonly suspension_from: string | null;
  readonly suspension_resume_on: string | null;
  readonly hold_billing: boolean;
  readonly generate_invoice: boolean;
  readonly invoicing_enabled_at: string | null;
  readonly status: BillingScheduleState['status'];
  readonly invoice_run_processing_status: BillingScheduleState['invoiceRunProcessingStatus'];
  readonly next_charge_from_date: string | null;
  readonly next_billing_date: string | null;
  readonly billed_through_date: string | null;
  readonly billed_amount: string;
  readonly pending_amount: string;
  readonly failure_run_id: string | null;
  readonly failure_error_code: string | null;
  readonly failure_message: string | null;
  readonly revision: string;
  /** `billing_schedule_invoiced_periods` joined with the status of their invoice, in the order added. */
  readonly invoiced_periods: readonly InvoicedPeriodRow[];
}

export interface InvoicedPeriodRow {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly chargeAmount: string;
  readonly currency: string;
  readonly runId: string;
  readonly invoiceId: string;
  readonly invoiceStatus: InvoicedPeriod['invoiceStatus'];
}

/** Dates and instants come back from SQL as the exact text the events carried. */
const date = (value: string | null) => value as CalendarDate | null;

/** The terms at creation with every amendable field from its own column. */
function termsOf(row: BillingScheduleRow): BillingScheduleTerms {
  const created = reviveBigIntsInPlace(row.terms_at_creation) as BillingScheduleTerms;
  return {
    ...created,
    unitPrice: row.unit_price,
    quantity: row.quantity,
    startDate: date(row.start_date),
    endDate: date(row.end_date),
    cancellationDate: date(row.cancellation_date),
    suspension:
      row.suspension_from === null
        ? null
        : { from: row.suspension_from as CalendarDate, resumeOn: date(row.suspension_resume_on) },
    holdBilling: row.hold_billing,
    generateInvoice: row.generate_invoice,
  };
}

function invoicedPeriodOf(period: InvoicedPeriodRow): InvoicedPeriod {
  return {
    periodStart: period.periodStart as CalendarDate,
    periodEnd: period.periodEnd as CalendarDate,
    chargeAmount: parseMoney(period.chargeAmount, period.currency as CurrencyCode),
    runId: period.runId,
    invoiceId: period.invoiceId,
    invoiceStatus: period.invoiceStatus,
  };
}

function failureOf(row: BillingScheduleRow) {
  const { failure_run_id: runId, failure_error_code: errorCode, failure_message: message } = row;
  if (runId === null || errorCode === null || message === null) {
    throw new Error(`Billing schedule ${row.billing_schedule_id} is in Error without its failure`);
  }
  return { runId, errorCode, message };
}

/**
 * Rebuilds the schedule exactly as the billing-schedules decider holds it after the same events:
 * terms, position, status pair, invoiced periods, the time invoicing was enabled and, in Error, the
 * failure.
 */
export function billingScheduleOf(row: BillingScheduleRow): BillingSchedule {
  const currency = row.currency as CurrencyCode;
  const progress = {
    terms: termsOf(row),
    nextChargeFromDate: date(row.next_charge_from_date),
    nextBillingDate: date(row.next_billing_date),
    billedThroughDate: date(row.billed_through_date),
    billedAmount: parseMoney(row.billed_amount, currency),
    pendingAmount: parseMoney(row.pending_amount, currency),
    invoicedPeriods: row.invoiced_periods.map(invoicedPeriodOf),
    invoicingEnabledAt: row.invoicing_enabled_at as Instant | null,
  };
  switch (row.status) {
    case 'Error':
      return { ...progress, status: 'Error', invoiceRunProcessingStatus: 'Error', failure: failureOf(row) };
    case 'ReadyForInvoicing':
      return {
        ...progress,
        status: 'ReadyForInvoicing',
        invoiceRunProcessingStatus:
          row.invoice_run_processing_status === 'WillNotInvoice' ? 'WillNotInvoice' : 'PendingBilling',
      };
    case 'Processing':
      return { ...progress, status: 'Processing', invoiceRunProcessingStatus: 'InProgress' };
    case 'CompletelyBilled':
      return { ...progress, status: 'CompletelyBilled', invoiceRunProcessingStatus: 'Completed' };
  }
}
