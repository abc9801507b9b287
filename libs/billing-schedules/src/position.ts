import {
  isBefore,
  maxDate,
  sumMoney,
  zeroMoney,
  type CalendarDate,
  type Money,
} from '@invoice-engine/kernel';
import { lastBillableDay } from './billing-period';
import { dayAfter, dayBefore } from './local-date';
import type { BillingPosition } from './state';
import type { BillingScheduleTerms } from './terms';
import { unbilledFrom, type BillingCoverage } from './unbilled-periods';

export { invoicedAmounts, unbilledPeriods, type BillingCoverage } from './unbilled-periods';

/** When a period is due: Advance at its start, Arrears the day after its end. */
export function dueDate(
  terms: BillingScheduleTerms,
  period: { readonly periodStart: CalendarDate; readonly periodEnd: CalendarDate },
): CalendarDate {
  return terms.billingType === 'Advance' ? period.periodStart : dayAfter(period.periodEnd);
}

/** Takes the first period without closing the generator, so the rest can still be read. */
function firstOf<T>(periods: Iterator<T>): T | null {
  const first = periods.next();
  return first.done === true ? null : first.value;
}

/**
 * The period a cancelled evergreen schedule would bill next: the contract goes on past the cancellation
 * date, so the schedule keeps a pending amount and runs exclude it as `Cancelled` (DOMAIN.md section 3).
 */
function nextPeriodPastCancellation(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  cursor: CalendarDate,
) {
  if (terms.billingMethod !== 'Evergreen' || terms.cancellationDate === null) return null;
  return firstOf(unbilledFrom(terms, coverage, terms.endDate, maxDate(cursor, terms.cancellationDate)));
}

function firstDayNotBilled(coverage: BillingCoverage, cursor: CalendarDate): CalendarDate {
  return coverage.invoicedPeriods.reduce((day, period) => maxDate(day, dayAfter(period.periodEnd)), cursor);
}

export interface DerivedPosition {
  readonly position: BillingPosition;
  /** No period remains to bill: the schedule is CompletelyBilled once no draft holds its lines. */
  readonly nothingRemains: boolean;
}

/** The position that follows from the terms, the coverage and the billed amount (DOMAIN.md section 5). */
export function derivePosition(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  billedAmount: Money,
): DerivedPosition {
  const startDate = terms.startDate;
  const zero = zeroMoney(terms.currency);
  const cursor = coverage.nextChargeFromDate ?? startDate;
  if (startDate === null || cursor === null) {
    const position = {
      nextChargeFromDate: null,
      nextBillingDate: null,
      billedThroughDate: null,
      billedAmount,
      pendingAmount: zero,
    };
    return { position, nothingRemains: false };
  }
  const unbilled = unbilledFrom(terms, coverage, lastBillableDay(terms), cursor);
  const next = firstOf(unbilled);
  const fallback = next ?? nextPeriodPastCancellation(terms, coverage, cursor);
  const nextChargeFromDate = next?.periodStart ?? firstDayNotBilled(coverage, cursor);
  const billedThroughDate = isBefore(startDate, nextChargeFromDate) ? dayBefore(nextChargeFromDate) : null;
  const pendingAmount =
    next !== null && terms.billingMethod === 'OrderAmount'
      ? sumMoney([next.chargeAmount, ...[...unbilled].map((period) => period.chargeAmount)], terms.currency)
      : (fallback?.chargeAmount ?? zero);
  const nextBillingDate = fallback === null ? null : dueDate(terms, fallback);
  const position = { nextChargeFromDate, nextBillingDate, billedThroughDate, billedAmount, pendingAmount };
  return { position, nothingRemains: fallback === null };
}
