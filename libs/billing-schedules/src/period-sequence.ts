import { isBefore, type CalendarDate } from '@invoice-engine/kernel';
import { billingPeriods, type BillingPeriod } from './billing-period';
import type { BillingScheduleTerms } from './terms';

/**
 * The periods of one terms object up to one last day, generated on demand and kept. Invoicing one
 * schedule reads them several times (eligibility, the checks of the decider, the position after
 * invoicing); terms objects are immutable (an amendment makes new ones), so the periods never go stale.
 */
export class PeriodSequence {
  private readonly periods: BillingPeriod[] = [];
  private source: Iterator<BillingPeriod> | null;

  constructor(terms: BillingScheduleTerms, lastDay: CalendarDate | null) {
    this.source = billingPeriods(terms, lastDay);
  }

  /** The period at `index` (0 = the first period of the schedule); undefined past the last one. */
  at(index: number): BillingPeriod | undefined {
    while (this.periods.length <= index && this.generateOne());
    return this.periods[index];
  }

  /** Every period: only for a sequence with a last day (an evergreen one never ends). */
  all(): readonly BillingPeriod[] {
    while (this.generateOne());
    return this.periods;
  }

  /** The index of the first period starting on or after `date` (the length when there is none). */
  indexFrom(date: CalendarDate): number {
    while (this.startsBefore(this.periods.length - 1, date) && this.generateOne());
    let low = 0;
    let high = this.periods.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.startsBefore(middle, date)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private startsBefore(index: number, date: CalendarDate): boolean {
    const period = this.periods[index];
    // Before the first period, "everything so far" starts before the date: keep generating.
    return period === undefined ? index < 0 : isBefore(period.periodStart, date);
  }

  private generateOne(): boolean {
    if (this.source === null) return false;
    const next = this.source.next();
    if (next.done === true) {
      this.source = null;
      return false;
    }
    this.periods.push(next.value);
    return true;
  }
}

const sequences = new WeakMap<BillingScheduleTerms, Map<CalendarDate | null, PeriodSequence>>();

/** The kept periods of these terms up to `lastDay` (null = forever). */
export function periodSequenceOf(terms: BillingScheduleTerms, lastDay: CalendarDate | null): PeriodSequence {
  let byLastDay = sequences.get(terms);
  if (byLastDay === undefined) {
    byLastDay = new Map();
    sequences.set(terms, byLastDay);
  }
  let sequence = byLastDay.get(lastDay);
  if (sequence === undefined) {
    sequence = new PeriodSequence(terms, lastDay);
    byLastDay.set(lastDay, sequence);
  }
  return sequence;
}
