import type { CalendarDate } from '@invoice-engine/kernel';
import { lastBillableDay, type BillingPeriod } from './billing-period';
import type { InvoicedAmounts, PricedPeriod } from './period-charge';
import { periodPricing, pricedPeriodSequence } from './period-pricing';
import type { PeriodSequence } from './period-sequence';
import type { InvoicedPeriod } from './state';
import type { BillingScheduleTerms } from './terms';

/** What billing has covered so far: the cursor (first day not yet billed) and the invoiced periods. */
export interface BillingCoverage {
  readonly nextChargeFromDate: CalendarDate | null;
  readonly invoicedPeriods: readonly InvoicedPeriod[];
}

export function invoicedAmounts(invoicedPeriods: readonly InvoicedPeriod[]): InvoicedAmounts {
  return new Map(invoicedPeriods.map((period) => [period.periodStart, period.chargeAmount]));
}

/** The indexes of the periods neither invoiced nor starting before `notBefore`, in order. */
function* unbilledIndexes(
  periods: PeriodSequence,
  invoiced: InvoicedAmounts,
  notBefore: CalendarDate,
): Generator<number> {
  // Periods are in order of their start: those before `notBefore` are skipped without being priced.
  for (let index = periods.indexFrom(notBefore); ; index += 1) {
    const period = periods.at(index);
    if (period === undefined) return;
    if (!invoiced.has(period.periodStart)) yield index;
  }
}

/** The unbilled periods from `notBefore` on, up to `lastDay` (null = forever), with their amounts. */
export function* unbilledFrom(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  lastDay: CalendarDate | null,
  notBefore: CalendarDate,
): Generator<PricedPeriod> {
  const invoiced = invoicedAmounts(coverage.invoicedPeriods);
  const pricing = periodPricing(terms, lastDay, invoiced);
  for (const index of unbilledIndexes(pricing.periods, invoiced, notBefore)) {
    const priced = pricing.pricedAt(index);
    if (priced !== undefined) yield priced;
  }
}

/** The same periods without their amounts, for checks about dates only: nothing is priced. */
export function* unbilledDatesFrom(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  lastDay: CalendarDate | null,
  notBefore: CalendarDate,
): Generator<BillingPeriod> {
  const invoiced = invoicedAmounts(coverage.invoicedPeriods);
  const periods = pricedPeriodSequence(terms, lastDay);
  for (const index of unbilledIndexes(periods, invoiced, notBefore)) {
    const period = periods.at(index);
    if (period !== undefined) yield period;
  }
}

/**
 * The periods not yet billed, in order, from the first day not yet billed; cut by the end date and the
 * cancellation date. Open-ended for an evergreen schedule: consumers must stop.
 */
export function* unbilledPeriods(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
): Generator<PricedPeriod> {
  const cursor = coverage.nextChargeFromDate ?? terms.startDate;
  if (cursor === null) return;
  yield* unbilledFrom(terms, coverage, lastBillableDay(terms), cursor);
}

/** The dates of the same periods, unpriced. */
export function* unbilledPeriodDates(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
): Generator<BillingPeriod> {
  const cursor = coverage.nextChargeFromDate ?? terms.startDate;
  if (cursor === null) return;
  yield* unbilledDatesFrom(terms, coverage, lastBillableDay(terms), cursor);
}
