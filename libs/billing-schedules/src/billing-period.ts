import type { LocalDate } from '@js-joda/core';
import { isBefore, minDate, type CalendarDate, type ExactDecimal } from '@invoice-engine/kernel';
import { calendarDateOf, dayBefore, localDateOf } from './local-date';
import {
  billingPeriodOf,
  boundaryAfter,
  firstLocalBoundary,
  FULL_WEIGHT,
  isFull,
  weightOf,
  type CutPeriod,
} from './period-boundaries';
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

/** L = billingTerm × months(billingTermUnit); null for a OneTime billing term. */
export function periodLengthInMonths(terms: BillingScheduleTerms): number | null {
  const months = monthsIn(terms.billingTermUnit);
  return months === null ? null : terms.billingTerm * months;
}

/** The anchor A: billDayOfMonth, or the start date's day when it is not set. */
export function anchorDay(terms: BillingScheduleTerms, startDate: CalendarDate): number {
  return terms.billDayOfMonth ?? localDateOf(startDate).dayOfMonth();
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
