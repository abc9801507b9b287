import { isBefore, isOnOrBefore, type CalendarDate } from '@invoice-engine/kernel';
import { isPriceable } from './period-amounts';
import { dueDate, unbilledPeriods, type BillingCoverage } from './position';
import type { BillablePeriod } from './state';
import type { BillingScheduleTerms, Suspension } from './terms';

/** Whether the target date falls in the suspension window [from, resumeOn). */
export function isWithinSuspension(
  suspension: Suspension | null,
  targetDate: CalendarDate,
): suspension is Suspension {
  if (suspension === null || isBefore(targetDate, suspension.from)) return false;
  return suspension.resumeOn === null || isBefore(targetDate, suspension.resumeOn);
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
  const suspended = isWithinSuspension(terms.suspension, targetDate) ? terms.suspension : null;
  const cap = billingPeriodCount ?? Number.POSITIVE_INFINITY;
  const periods: BillablePeriod[] = [];
  for (const period of unbilledPeriods(terms, coverage)) {
    if (periods.length >= cap || !isOnOrBefore(dueDate(terms, period), targetDate)) break;
    if (suspended !== null && !isBefore(period.periodEnd, suspended.from)) break;
    const { periodStart, periodEnd, chargeAmount } = period;
    periods.push({ periodStart, periodEnd, quantity: terms.quantity, unitPrice, chargeAmount });
  }
  return periods;
}
