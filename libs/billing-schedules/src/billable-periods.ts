import { isBefore, isOnOrBefore, type CalendarDate } from '@invoice-engine/kernel';
import type { BillingPeriod } from './billing-period';
import { isPriceable } from './period-amounts';
import { dueDate, unbilledPeriods, type BillingCoverage } from './position';
import type { BillablePeriod } from './state';
import type { BillingScheduleTerms, Suspension } from './terms';
import { unbilledPeriodDates } from './unbilled-periods';

/** Whether the target date falls in the suspension window [from, resumeOn). */
export function isWithinSuspension(
  suspension: Suspension | null,
  targetDate: CalendarDate,
): suspension is Suspension {
  if (suspension === null || isBefore(targetDate, suspension.from)) return false;
  return suspension.resumeOn === null || isBefore(targetDate, suspension.resumeOn);
}

/**
 * The leading periods of `unbilled` a run with this target date bills: due (Advance: start ≤ target;
 * Arrears: end + 1 ≤ target), capped by the billing period count, and inside a suspension window only
 * those that end before it starts. The one rule of both forms below.
 */
function* billableOf<Period extends BillingPeriod>(
  terms: BillingScheduleTerms,
  unbilled: Iterable<Period>,
  targetDate: CalendarDate,
  billingPeriodCount: number | null,
): Generator<Period> {
  const suspended = isWithinSuspension(terms.suspension, targetDate) ? terms.suspension : null;
  const cap = billingPeriodCount ?? Number.POSITIVE_INFINITY;
  let taken = 0;
  for (const period of unbilled) {
    if (taken >= cap || !isOnOrBefore(dueDate(terms, period), targetDate)) return;
    if (suspended !== null && !isBefore(period.periodEnd, suspended.from)) return;
    taken += 1;
    yield period;
  }
}

/**
 * Every period of the schedule a run with this target date bills, in order, one line each (DOMAIN.md
 * section 5): unbilled, due (Advance: start ≤ target; Arrears: end + 1 ≤ target), cut by the end and
 * cancellation dates, capped by the billing period count. Suspension is judged as of the target date:
 * before the window everything due; inside it only periods that end before the window starts; on or
 * after `resumeOn` everything due, deferred periods included. Eligibility flags are not checked here
 * (see `checkEligibility`); a schedule the engine cannot price has no billable period.
 */
export function billablePeriods(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  targetDate: CalendarDate,
  billingPeriodCount: number | null,
): BillablePeriod[] {
  const unitPrice = terms.unitPrice;
  if (!isPriceable(terms) || unitPrice === null) return [];
  const periods: BillablePeriod[] = [];
  for (const period of billableOf(terms, unbilledPeriods(terms, coverage), targetDate, billingPeriodCount)) {
    const { periodStart, periodEnd, chargeAmount } = period;
    periods.push({ periodStart, periodEnd, quantity: terms.quantity, unitPrice, chargeAmount });
  }
  return periods;
}

/**
 * How many periods `billablePeriods` gives, from the period dates alone: nothing is priced. For
 * filtering, which needs each schedule's line count, not its amounts (pricing was most of its work).
 */
export function billablePeriodCount(
  terms: BillingScheduleTerms,
  coverage: BillingCoverage,
  targetDate: CalendarDate,
  billingPeriodCount: number | null,
): number {
  if (!isPriceable(terms) || terms.unitPrice === null) return 0;
  let count = 0;
  for (const _period of billableOf(
    terms,
    unbilledPeriodDates(terms, coverage),
    targetDate,
    billingPeriodCount,
  ))
    count += 1;
  return count;
}
