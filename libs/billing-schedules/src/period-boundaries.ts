import type { LocalDate } from '@js-joda/core';
import { ExactDecimal } from '@invoice-engine/kernel';
import type { BillingPeriod } from './billing-period';
import { calendarDateOf } from './local-date';

/** A period as cut from the boundaries, with the full period it belongs to (for its day fraction). */
export interface CutPeriod {
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly fullStart: LocalDate;
  readonly fullEnd: LocalDate;
}

/** The boundary `months` months after the month of `boundary`, on day min(anchor, last day of that month). */
export function boundaryAfter(boundary: LocalDate, months: number, anchor: number): LocalDate {
  const month = boundary.withDayOfMonth(1).plusMonths(months);
  return month.withDayOfMonth(Math.min(anchor, month.lengthOfMonth()));
}

export function firstLocalBoundary(startDate: LocalDate, anchor: number): LocalDate {
  const inStartMonth = startDate.withDayOfMonth(Math.min(anchor, startDate.lengthOfMonth()));
  return inStartMonth.isBefore(startDate) ? boundaryAfter(startDate, 1, anchor) : inStartMonth;
}

const daysIn = (from: LocalDate, to: LocalDate): number => to.toEpochDay() - from.toEpochDay() + 1;

/** The weight of every full period (n days ÷ the same n days), shared: decimals are immutable. */
export const FULL_WEIGHT = new ExactDecimal(1);

export function isFull(period: CutPeriod): boolean {
  return period.periodStart.equals(period.fullStart) && period.periodEnd.equals(period.fullEnd);
}

/** Day fractions by (days, days in the full period): few distinct ones, each a costly division. */
const dayFractions = new Map<string, ExactDecimal>();
const MOST_DAY_FRACTIONS_KEPT = 10_000;

function dayFraction(days: number, fullDays: number): ExactDecimal {
  const key = `${days}/${fullDays}`;
  let fraction = dayFractions.get(key);
  if (fraction === undefined) {
    if (dayFractions.size >= MOST_DAY_FRACTIONS_KEPT) dayFractions.clear();
    fraction = new ExactDecimal(days).div(fullDays);
    dayFractions.set(key, fraction);
  }
  return fraction;
}

export function weightOf(period: CutPeriod): ExactDecimal {
  if (isFull(period)) return FULL_WEIGHT;
  return dayFraction(daysIn(period.periodStart, period.periodEnd), daysIn(period.fullStart, period.fullEnd));
}

export function billingPeriodOf(start: LocalDate, end: LocalDate, weight: ExactDecimal): BillingPeriod {
  return { periodStart: calendarDateOf(start), periodEnd: calendarDateOf(end), weight };
}
