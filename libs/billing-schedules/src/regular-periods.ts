import type { LocalDate } from '@js-joda/core';
import type { BillingPeriod } from './billing-period';
import { billingPeriodOf, boundaryAfter, weightOf } from './period-boundaries';

/**
 * The full periods of a recurring schedule, numbered from its first boundary: period k starts on the
 * boundary k × L months after the first one (every boundary is counted from the first, so none depends
 * on the one before) and ends the day before period k + 1 starts, cut by the last day. Any of them is
 * computed directly, so reading from a cursor does not walk the periods since the start date.
 */
export class RegularPeriods {
  constructor(
    private readonly first: LocalDate,
    private readonly anchor: number,
    private readonly length: number,
    private readonly lastDay: LocalDate | null,
  ) {}

  /** The last boundary computed: reading periods in order asks for each boundary twice. */
  private recent: { readonly k: number; readonly start: LocalDate } | null = null;

  /** The boundary period k starts on. */
  startOf(k: number): LocalDate {
    if (this.recent?.k === k) return this.recent.start;
    const start = boundaryAfter(this.first, k * this.length, this.anchor);
    this.recent = { k, start };
    return start;
  }

  /** Period k as the period generation yields it; undefined when it starts after the last day. */
  period(k: number): BillingPeriod | undefined {
    const periodStart = this.startOf(k);
    const lastDay = this.lastDay;
    if (lastDay !== null && lastDay.isBefore(periodStart)) return undefined;
    const fullEnd = this.startOf(k + 1).minusDays(1);
    const periodEnd = lastDay !== null && lastDay.isBefore(fullEnd) ? lastDay : fullEnd;
    const weight = weightOf({ periodStart, periodEnd, fullStart: periodStart, fullEnd });
    return billingPeriodOf(periodStart, periodEnd, weight);
  }

  /** Whether period k starts before `date`. */
  startsBefore(k: number, date: LocalDate): boolean {
    return this.startOf(k).isBefore(date);
  }

  /** The smallest k ≥ `from` whose period starts on or after `date` (starts only grow with k). */
  firstStartingFrom(date: LocalDate, from: number): number {
    const months = (date.year() - this.first.year()) * 12 + date.monthValue() - this.first.monthValue();
    let k = Math.max(from, Math.floor(months / this.length));
    while (this.startsBefore(k, date)) k += 1;
    while (k > from && !this.startsBefore(k - 1, date)) k -= 1;
    return k;
  }
}
