import {
  addMoney,
  maxDate,
  minDate,
  subtractMoney,
  sumMoney,
  zeroMoney,
  type CalendarDate,
} from '@invoice-engine/kernel';
import { dayAfter } from './local-date';
import { derivePosition, type BillingCoverage } from './position';
import type {
  BillablePeriod,
  BillingScheduleState,
  InvoicedPeriod,
  InvoiceStatusOfLines,
  SettledStatus,
} from './state';
import type { BillingScheduleTerms } from './terms';

/** The invoice a run put periods on. */
export interface InvoiceReference {
  readonly runId: string;
  readonly invoiceId: string;
  readonly invoiceStatus: InvoiceStatusOfLines;
}

/**
 * The status pair that follows from the lines: a draft holding lines keeps the schedule Processing /
 * InProgress (even when nothing remains); otherwise CompletelyBilled when nothing remains, else
 * ReadyForInvoicing with PendingBilling, or WillNotInvoice when the schedule does not generate invoices.
 */
export function settledStatus(
  terms: BillingScheduleTerms,
  invoicedPeriods: readonly InvoicedPeriod[],
  nothingRemains: boolean,
): SettledStatus {
  if (invoicedPeriods.some((period) => period.invoiceStatus === 'Draft')) {
    return { status: 'Processing', invoiceRunProcessingStatus: 'InProgress' };
  }
  if (nothingRemains) return { status: 'CompletelyBilled', invoiceRunProcessingStatus: 'Completed' };
  return {
    status: 'ReadyForInvoicing',
    invoiceRunProcessingStatus: terms.generateInvoice ? 'PendingBilling' : 'WillNotInvoice',
  };
}

/**
 * Recomputes position and status from the terms and what is covered, keeping an Error until it is
 * reset: used after every change of terms, lines or invoice status.
 */
export function rederiveState(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  coverage: BillingCoverage,
  billedAmount = state.billedAmount,
): BillingScheduleState {
  const { position, nothingRemains } = derivePosition(terms, coverage, billedAmount);
  const progress = {
    ...position,
    invoicedPeriods: coverage.invoicedPeriods,
    invoicingEnabledAt: state.invoicingEnabledAt,
  };
  if (state.status === 'Error')
    return { ...progress, status: 'Error', invoiceRunProcessingStatus: 'Error', failure: state.failure };
  return { ...progress, ...settledStatus(terms, coverage.invoicedPeriods, nothingRemains) };
}

/** The state of a schedule nothing has been billed for: derived from its start date. */
export function stateFromStart(terms: BillingScheduleTerms): BillingScheduleState {
  const { position, nothingRemains } = derivePosition(
    terms,
    { nextChargeFromDate: terms.startDate, invoicedPeriods: [] },
    zeroMoney(terms.currency),
  );
  return {
    ...position,
    invoicedPeriods: [],
    invoicingEnabledAt: null,
    ...settledStatus(terms, [], nothingRemains),
  };
}

/**
 * After invoicing (DOMAIN.md section 5): next charge from = last billed period end + 1, next billing
 * date by the due rule, billed through = last billed period end, billed amount += lines, pending amount
 * = the next period's amount (Evergreen) or the unbilled rest (OrderAmount), 0 and CompletelyBilled when
 * nothing remains (once no draft holds lines).
 */
export function stateAfterInvoicing(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  invoice: InvoiceReference,
  periods: readonly BillablePeriod[],
): BillingScheduleState {
  const invoiced = periods.map((period): InvoicedPeriod => ({
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    chargeAmount: period.chargeAmount,
    ...invoice,
  }));
  const lastEnd = periods.reduce<CalendarDate | null>(
    (day, period) => (day === null ? period.periodEnd : maxDate(day, period.periodEnd)),
    null,
  );
  const cursor = state.nextChargeFromDate ?? terms.startDate;
  const nextChargeFromDate =
    lastEnd === null || cursor === null ? cursor : maxDate(cursor, dayAfter(lastEnd));
  const lines = sumMoney(
    periods.map((period) => period.chargeAmount),
    terms.currency,
  );
  const coverage = { nextChargeFromDate, invoicedPeriods: [...state.invoicedPeriods, ...invoiced] };
  return rederiveState(terms, state, coverage, addMoney(state.billedAmount, lines));
}

/** A canceled draft invoice releases its periods: they can be billed again. */
export function stateAfterRelease(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  invoiceId: string,
) {
  const released = state.invoicedPeriods.filter((period) => period.invoiceId === invoiceId);
  const kept = state.invoicedPeriods.filter((period) => period.invoiceId !== invoiceId);
  const firstReleased = released.reduce(
    (day, period) => (day === null ? period.periodStart : minDate(day, period.periodStart)),
    state.nextChargeFromDate,
  );
  const releasedAmount = sumMoney(
    released.map((period) => period.chargeAmount),
    terms.currency,
  );
  const coverage = { nextChargeFromDate: firstReleased, invoicedPeriods: kept };
  return rederiveState(terms, state, coverage, subtractMoney(state.billedAmount, releasedAmount));
}

/** A posted draft: its lines stay invoiced, and no longer hold the schedule in Processing. */
export function stateAfterPosting(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  invoiceId: string,
) {
  const invoicedPeriods = state.invoicedPeriods.map((period) =>
    period.invoiceId === invoiceId ? { ...period, invoiceStatus: 'Posted' as const } : period,
  );
  return rederiveState(terms, state, { nextChargeFromDate: state.nextChargeFromDate, invoicedPeriods });
}

/** Recovery: the Error is dropped and the schedule settles into the status its lines imply. */
export function stateAfterErrorReset(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
): BillingScheduleState {
  const { position, nothingRemains } = derivePosition(terms, state, state.billedAmount);
  return {
    ...position,
    invoicedPeriods: state.invoicedPeriods,
    invoicingEnabledAt: state.invoicingEnabledAt,
    ...settledStatus(terms, state.invoicedPeriods, nothingRemains),
  };
}
