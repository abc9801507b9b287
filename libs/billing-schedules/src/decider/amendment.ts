import { DomainError, maxDate, type CalendarDate } from '@invoice-engine/kernel';
import { rederiveState } from '../billing-progress';
import { unbilledPeriods, type BillingCoverage } from '../position';
import type { BillingScheduleTerms } from '../terms';
import { validateTerms } from '../terms-validation';
import { snapshotOf, type BillingSchedule } from './billing-schedule';
import type { BillingScheduleSnapshot } from './events';

/** The last day already on an invoice, null when nothing is billed; amendments may not reach back past it. */
export function lastBilledDay(schedule: BillingSchedule): CalendarDate | null {
  return schedule.invoicedPeriods.reduce<CalendarDate | null>(
    (day, period) => (day === null ? period.periodEnd : maxDate(day, period.periodEnd)),
    schedule.billedThroughDate,
  );
}

/**
 * Amended OrderAmount terms re-spread the total; invoiced lines stand, so the remainder period absorbs
 * the difference. If that would take it below zero the amendment needs a credit, which this engine
 * does not issue.
 */
function assertNotOverbilled(terms: BillingScheduleTerms, coverage: BillingCoverage): void {
  if (terms.billingMethod !== 'OrderAmount') return;
  for (const period of unbilledPeriods(terms, coverage)) {
    if (period.chargeAmount.minorUnits < 0n) {
      throw new DomainError(
        'BILLING_SCHEDULE.ORDER_AMOUNT_OVERBILLED',
        'illegal-state',
        `The amendment leaves ${period.periodStart}..${period.periodEnd} with a negative amount`,
      );
    }
  }
}

/** The snapshot after new terms, on the same coverage unless given (a new start date restarts it). */
export function amendedSnapshot(
  schedule: BillingSchedule,
  terms: BillingScheduleTerms,
  coverage: BillingCoverage = schedule,
): BillingScheduleSnapshot {
  validateTerms(terms);
  assertNotOverbilled(terms, coverage);
  return snapshotOf(rederiveState(terms, schedule, coverage));
}
