import { LocalDate } from '@js-joda/core';
import { ExactDecimal, isBefore, minDate, type CalendarDate } from '@invoice-engine/kernel';
import { calendarDateOf, dayBefore, localDateOf } from './local-date';
import { monthsIn, type BillingScheduleTerms } from './terms';

/**
 * A billing period of a schedule, before any amount. `weight` is how many full periods it is worth:
 * 1 for a full period, its day fraction for a stub or a cut period, stub fraction + 1 for a combined one.
 */
export interface BillingPeriod {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly weight: ExactDecimal;
}

/** A period as cut from the boundaries, with the full period it belongs to (for its day fraction). */
interface CutPeriod {
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly fullStart: LocalDate;
  readonly fullEnd: LocalDate;
}

/** L = billingTerm × months(billingTermUnit); null for a OneTime billing term. */
export function periodLengthInMonths(terms: BillingScheduleTerms): number | null {
  const months = monthsIn(terms.billingTermUnit);
  return months === null ? null : terms.billingTerm * months;
}

/** The anchor A: billDayOfMonth, or the start date's day when it is not set. */
export function anchorDay(terms: BillingScheduleTerms, startDate: CalendarDate): number {
  return terms.billDayOfMonth ?? localDateOf(startDate).dayOfMonth();
}

/** The boundary `months` months after the month of `boundary`, on day min(anchor, last day of that month). */
function boundaryAfter(boundary: LocalDate, months: number, anchor: number): LocalDate {
  const month = boundary.withDayOfMonth(1).plusMonths(months);
  return month.withDayOfMonth(Math.min(anchor, month.lengthOfMonth()));
}

function firstLocalBoundary(startDate: LocalDate, anchor: number): LocalDate {
  const inStartMonth = startDate.withDayOfMonth(Math.min(anchor, startDate.lengthOfMonth()));
  return inStartMonth.isBefore(startDate) ? boundaryAfter(startDate, 1, anchor) : inStartMonth;
}

/** The first boundary on or after the start date. */
export function firstBoundary(startDate: CalendarDate, anchor: number): CalendarDate {
  return calendarDateOf(firstLocalBoundary(localDateOf(startDate), anchor));
}

/**
 * The last day a schedule can be billed for: its end date, cut by the day before its cancellation date
 * (the cancellation date is the first day without service). Null = open-ended.
 */
export function lastBillableDay(terms: BillingScheduleTerms): CalendarDate | null {
  const lastBeforeCancellation = terms.cancellationDate === null ? null : dayBefore(terms.cancellationDate);
  if (terms.endDate === null) return lastBeforeCancellation;
  return lastBeforeCancellation === null ? terms.endDate : minDate(terms.endDate, lastBeforeCancellation);
}

function* cutPeriods(
  terms: BillingScheduleTerms,
  start: LocalDate,
  lastDay: LocalDate | null,
): Generator<CutPeriod> {
  const length = periodLengthInMonths(terms);
  if (length === null) throw new Error('cutPeriods needs a recurring billing term');
  const anchor = terms.billDayOfMonth ?? start.dayOfMonth();
  const first = firstLocalBoundary(start, anchor);
  const cut = (end: LocalDate): LocalDate => (lastDay !== null && lastDay.isBefore(end) ? lastDay : end);
  if (start.isBefore(first)) {
    const stubEnd = first.minusDays(1);
    yield {
      periodStart: start,
      periodEnd: cut(stubEnd),
      fullStart: boundaryAfter(first, -length, anchor),
      fullEnd: stubEnd,
    };
  }
  // Every boundary is counted from the first one (never from the previous, which may be clamped).
  let periodStart = first;
  for (let index = 1; ; index += 1) {
    if (lastDay !== null && lastDay.isBefore(periodStart)) return;
    const nextStart = boundaryAfter(first, index * length, anchor);
    const fullEnd = nextStart.minusDays(1);
    yield { periodStart, periodEnd: cut(fullEnd), fullStart: periodStart, fullEnd };
    periodStart = nextStart;
  }
}

const daysIn = (from: LocalDate, to: LocalDate): number => to.toEpochDay() - from.toEpochDay() + 1;

/** The weight of every full period (n days ÷ the same n days), shared: decimals are immutable. */
const FULL_WEIGHT = new ExactDecimal(1);

function isFull(period: CutPeriod): boolean {
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

function weightOf(period: CutPeriod): ExactDecimal {
  if (isFull(period)) return FULL_WEIGHT;
  return dayFraction(daysIn(period.periodStart, period.periodEnd), daysIn(period.fullStart, period.fullEnd));
}

function billingPeriodOf(start: LocalDate, end: LocalDate, weight: ExactDecimal): BillingPeriod {
  return { periodStart: calendarDateOf(start), periodEnd: calendarDateOf(end), weight };
}

/**
 * The schedule's periods in order, up to `lastDay` (null = forever, so consumers must stop). A stub
 * before the first boundary is its own period (`Separate`) or merged with the first full period
 * (`Combine`); with no full period after it, the stub stays alone.
 */
export function* billingPeriods(
  terms: BillingScheduleTerms,
  lastDay: CalendarDate | null,
): Generator<BillingPeriod> {
  const startDate = terms.startDate;
  if (startDate === null || (lastDay !== null && isBefore(lastDay, startDate))) return;
  if (terms.chargeType === 'OneTime') {
    yield { periodStart: startDate, periodEnd: startDate, weight: FULL_WEIGHT };
    return;
  }
  let pendingStub: CutPeriod | null = null;
  for (const period of cutPeriods(
    terms,
    localDateOf(startDate),
    lastDay === null ? null : localDateOf(lastDay),
  )) {
    const isStub = !period.periodStart.equals(period.fullStart);
    if (isStub && terms.partialPeriodTreatment === 'Combine' && pendingStub === null) {
      pendingStub = period;
      continue;
    }
    if (pendingStub !== null) {
      const stub = pendingStub;
      pendingStub = null;
      if (isFull(period)) {
        yield billingPeriodOf(stub.periodStart, period.periodEnd, weightOf(stub).plus(1));
        continue;
      }
      yield billingPeriodOf(stub.periodStart, stub.periodEnd, weightOf(stub));
    }
    yield billingPeriodOf(period.periodStart, period.periodEnd, weightOf(period));
  }
  if (pendingStub !== null)
    yield billingPeriodOf(pendingStub.periodStart, pendingStub.periodEnd, weightOf(pendingStub));
}
