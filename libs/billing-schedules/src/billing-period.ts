import {
  addDays,
  addMonths,
  daysInclusive,
  ExactDecimal,
  isBefore,
  minDate,
  toLocalDate,
  withDayOfMonthClamped,
  type CalendarDate,
} from '@invoice-engine/kernel';
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
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly fullStart: CalendarDate;
  readonly fullEnd: CalendarDate;
}

/** L = billingTerm × months(billingTermUnit); null for a OneTime billing term. */
export function periodLengthInMonths(terms: BillingScheduleTerms): number | null {
  const months = monthsIn(terms.billingTermUnit);
  return months === null ? null : terms.billingTerm * months;
}

/** The anchor A: billDayOfMonth, or the start date's day when it is not set. */
export function anchorDay(terms: BillingScheduleTerms, startDate: CalendarDate): number {
  return terms.billDayOfMonth ?? toLocalDate(startDate).dayOfMonth();
}

/** The boundary `months` months after the month of `boundary`, on day min(anchor, last day of that month). */
function boundaryAfter(boundary: CalendarDate, months: number, anchor: number): CalendarDate {
  return withDayOfMonthClamped(addMonths(withDayOfMonthClamped(boundary, 1), months), anchor);
}

/** The first boundary on or after the start date. */
export function firstBoundary(startDate: CalendarDate, anchor: number): CalendarDate {
  const inStartMonth = withDayOfMonthClamped(startDate, anchor);
  return isBefore(inStartMonth, startDate) ? boundaryAfter(startDate, 1, anchor) : inStartMonth;
}

/**
 * The last day a schedule can be billed for: its end date, cut by the day before its cancellation date
 * (the cancellation date is the first day without service). Null = open-ended.
 */
export function lastBillableDay(terms: BillingScheduleTerms): CalendarDate | null {
  const lastBeforeCancellation = terms.cancellationDate === null ? null : addDays(terms.cancellationDate, -1);
  if (terms.endDate === null) return lastBeforeCancellation;
  return lastBeforeCancellation === null ? terms.endDate : minDate(terms.endDate, lastBeforeCancellation);
}

function* cutPeriods(
  terms: BillingScheduleTerms,
  startDate: CalendarDate,
  lastDay: CalendarDate | null,
): Generator<CutPeriod> {
  const length = periodLengthInMonths(terms);
  if (length === null) throw new Error('cutPeriods needs a recurring billing term');
  const anchor = anchorDay(terms, startDate);
  const first = firstBoundary(startDate, anchor);
  const cut = (end: CalendarDate): CalendarDate => (lastDay === null ? end : minDate(end, lastDay));
  if (isBefore(startDate, first)) {
    const stubEnd = addDays(first, -1);
    yield {
      periodStart: startDate,
      periodEnd: cut(stubEnd),
      fullStart: boundaryAfter(first, -length, anchor),
      fullEnd: stubEnd,
    };
  }
  for (let index = 0; ; index += 1) {
    const periodStart = boundaryAfter(first, index * length, anchor);
    if (lastDay !== null && isBefore(lastDay, periodStart)) return;
    const fullEnd = addDays(boundaryAfter(first, (index + 1) * length, anchor), -1);
    yield { periodStart, periodEnd: cut(fullEnd), fullStart: periodStart, fullEnd };
  }
}

function weightOf(period: CutPeriod): ExactDecimal {
  const days = daysInclusive(period.periodStart, period.periodEnd);
  return new ExactDecimal(days).div(daysInclusive(period.fullStart, period.fullEnd));
}

function isFull(period: CutPeriod): boolean {
  return period.periodStart === period.fullStart && period.periodEnd === period.fullEnd;
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
    yield { periodStart: startDate, periodEnd: startDate, weight: new ExactDecimal(1) };
    return;
  }
  let pendingStub: CutPeriod | null = null;
  for (const period of cutPeriods(terms, startDate, lastDay)) {
    const isStub = period.periodStart !== period.fullStart;
    if (isStub && terms.partialPeriodTreatment === 'Combine' && pendingStub === null) {
      pendingStub = period;
      continue;
    }
    if (pendingStub !== null) {
      const stub = pendingStub;
      pendingStub = null;
      if (isFull(period)) {
        yield { periodStart: stub.periodStart, periodEnd: period.periodEnd, weight: weightOf(stub).plus(1) };
        continue;
      }
      yield { periodStart: stub.periodStart, periodEnd: stub.periodEnd, weight: weightOf(stub) };
    }
    yield { periodStart: period.periodStart, periodEnd: period.periodEnd, weight: weightOf(period) };
  }
  if (pendingStub !== null) {
    yield {
      periodStart: pendingStub.periodStart,
      periodEnd: pendingStub.periodEnd,
      weight: weightOf(pendingStub),
    };
  }
}
