import { isBefore, type CalendarDate } from '@invoice-engine/kernel';
import { billingPeriods, periodLengthInMonths, type BillingPeriod } from './billing-period';
import { localDateOf } from './local-date';
import { firstLocalBoundary } from './period-boundaries';
import { RegularPeriods } from './regular-periods';
import type { BillingScheduleTerms } from './terms';

/**
 * Where a recurring schedule's periods become regular: `head` periods come first (a stub, a stub combined
 * with the first full period, or a stub and a cut first period), then regular period `from` on.
 */
interface RegularStretch {
  readonly periods: RegularPeriods;
  readonly from: number;
  /** Without a stub there is no head: period 0 starts on the start date, the first boundary. */
  readonly hasStub: boolean;
}

function regularStretchOf(terms: BillingScheduleTerms, lastDay: CalendarDate | null): RegularStretch | null {
  const length = periodLengthInMonths(terms);
  if (terms.startDate === null || terms.chargeType === 'OneTime' || length === null) return null;
  const start = localDateOf(terms.startDate);
  const anchor = terms.billDayOfMonth ?? start.dayOfMonth();
  const first = firstLocalBoundary(start, anchor);
  const periods = new RegularPeriods(first, anchor, length, lastDay === null ? null : localDateOf(lastDay));
  const hasStub = start.isBefore(first);
  // A combined stub takes in full period 0, whether it stays whole or the last day cuts it.
  const combined = hasStub && terms.partialPeriodTreatment === 'Combine';
  return { periods, from: combined ? 1 : 0, hasStub };
}

/**
 * The periods of one terms object up to one last day, computed on demand and kept. Invoicing one
 * schedule reads them several times (eligibility, the checks of the decider, the position after
 * invoicing); terms objects are immutable (an amendment makes new ones), so the periods never go stale.
 * The periods after the head are computed directly by their number, so reading from a cursor costs the
 * same for a schedule started ten years ago as for one started last month.
 */
export class PeriodSequence {
  private readonly known: BillingPeriod[] = [];
  private source: Iterator<BillingPeriod> | null;
  private readonly regular: RegularStretch | null;
  /** How many periods come before regular period `regular.from`; null until read. */
  private headLength: number | null = null;

  constructor(terms: BillingScheduleTerms, lastDay: CalendarDate | null) {
    this.source = billingPeriods(terms, lastDay);
    this.regular = regularStretchOf(terms, lastDay);
  }

  /** The period at `index` (0 = the first period of the schedule); undefined past the last one. */
  at(index: number): BillingPeriod | undefined {
    const known = this.known[index];
    if (known !== undefined || this.regular === null) return known ?? this.generatedAt(index);
    const headLength = this.readHead(this.regular);
    if (index < headLength) return this.known[index];
    const period = this.regular.periods.period(index - headLength + this.regular.from);
    if (period !== undefined) this.known[index] = period;
    return period;
  }

  /** Every period: only for a sequence with a last day (an evergreen one never ends). */
  all(): readonly BillingPeriod[] {
    const periods: BillingPeriod[] = [];
    for (let period = this.at(0); period !== undefined; period = this.at(periods.length))
      periods.push(period);
    return periods;
  }

  /** The index of the first period starting on or after `date` (past the last one when there is none). */
  indexFrom(date: CalendarDate): number {
    if (this.regular === null) return this.generatedIndexFrom(date);
    const headLength = this.readHead(this.regular);
    for (let index = 0; index < headLength; index += 1) {
      const period = this.known[index];
      if (period !== undefined && !isBefore(period.periodStart, date)) return index;
    }
    const { periods, from } = this.regular;
    return headLength + periods.firstStartingFrom(localDateOf(date), from) - from;
  }

  /**
   * Takes the head from the period generation: the periods starting before regular period `from` (all of
   * them when the last day comes first).
   */
  private readHead(regular: RegularStretch): number {
    if (this.headLength !== null) return this.headLength;
    let length = 0;
    if (regular.hasStub) {
      const firstRegularStart = regular.periods.startOf(regular.from);
      for (
        let next = this.source?.next();
        next !== undefined && next.done !== true;
        next = this.source?.next()
      ) {
        if (!localDateOf(next.value.periodStart).isBefore(firstRegularStart)) break;
        this.known[length] = next.value;
        length += 1;
      }
    }
    this.source = null;
    this.headLength = length;
    return length;
  }

  private generatedAt(index: number): BillingPeriod | undefined {
    while (this.known.length <= index && this.generateOne());
    return this.known[index];
  }

  private generatedIndexFrom(date: CalendarDate): number {
    while (this.startsBefore(this.known.length - 1, date) && this.generateOne());
    let low = 0;
    let high = this.known.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.startsBefore(middle, date)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private startsBefore(index: number, date: CalendarDate): boolean {
    const period = this.known[index];
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
    this.known.push(next.value);
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
