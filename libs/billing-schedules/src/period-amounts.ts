import {
  DomainError,
  ExactDecimal,
  roundToMoney,
  subtractMoney,
  sumMoney,
  toMajorUnits,
  zeroMoney,
  type CalendarDate,
  type Money,
} from '@invoice-engine/kernel';
import { billingPeriods, periodLengthInMonths, type BillingPeriod } from './billing-period';
import { monthsIn, type BillingScheduleTerms } from './terms';

/** A billing period with its charge amount, rounded once (half away from zero) to the minor unit. */
export interface PricedPeriod extends BillingPeriod {
  readonly chargeAmount: Money;
}

/** Amounts already on an invoice, by period start: they stand, whatever the terms say now. */
export type InvoicedAmounts = ReadonlyMap<CalendarDate, Money>;

/**
 * Whether this engine version can price the schedule's periods. Usage is billed from usage summaries,
 * which this engine does not ingest yet, so a Usage schedule has no billable amount.
 */
export function isPriceable(terms: BillingScheduleTerms): boolean {
  if (terms.chargeType === 'Usage' || terms.startDate === null) return false;
  return terms.billingMethod === 'OrderAmount' ? terms.totalAmount !== null : terms.unitPrice !== null;
}

/** Full period amount = unitPrice × quantity × (L ÷ months(pricingTermUnit)); one-time = unitPrice × quantity. */
export function fullPeriodAmount(terms: BillingScheduleTerms, unitPrice: string): ExactDecimal {
  const perPricingTerm = new ExactDecimal(unitPrice).mul(new ExactDecimal(terms.quantity));
  const length = periodLengthInMonths(terms);
  const pricingMonths = monthsIn(terms.pricingTermUnit);
  if (terms.chargeType === 'OneTime' || length === null || pricingMonths === null) return perPricingTerm;
  return perPricingTerm.mul(length).div(pricingMonths);
}

/**
 * Spreads an OrderAmount total over all its periods by weight. Every period but one is rounded; the
 * remainder goes to the last (`AddToLast`) or first (`AddToFirst`) period not yet invoiced, so the lines
 * sum exactly to the total. Invoiced periods keep their invoiced amounts; without amendments these equal
 * the spread, so billing in one run or in many gives the same lines.
 */
export function spreadOrderAmount(
  terms: BillingScheduleTerms,
  total: Money,
  periods: readonly BillingPeriod[],
  invoiced: InvoicedAmounts,
): Money[] {
  const totalWeight = periods.reduce((sum, period) => sum.plus(period.weight), new ExactDecimal(0));
  const amounts = periods.map(
    (period) =>
      invoiced.get(period.periodStart) ??
      roundToMoney(toMajorUnits(total).mul(period.weight).div(totalWeight), total.currency),
  );
  const open = periods
    .map((period, index) => (invoiced.has(period.periodStart) ? -1 : index))
    .filter((i) => i >= 0);
  const remainderIndex = terms.remainderStrategy === 'AddToFirst' ? open[0] : open[open.length - 1];
  if (remainderIndex === undefined) return amounts;
  const others = sumMoney(
    amounts.filter((_, index) => index !== remainderIndex),
    total.currency,
  );
  amounts[remainderIndex] = subtractMoney(total, others);
  return amounts;
}

/**
 * The schedule's priced periods in order, up to `lastDay` (null = forever: consumers must stop).
 * A schedule the engine cannot price (see `isPriceable`) gets its periods with zero amounts. Only
 * periods `wanted` are yielded (an OrderAmount spread still weighs them all).
 */
export function* pricedPeriods(
  terms: BillingScheduleTerms,
  lastDay: CalendarDate | null,
  invoiced: InvoicedAmounts,
  wanted: (period: BillingPeriod) => boolean = () => true,
): Generator<PricedPeriod> {
  if (!isPriceable(terms)) {
    // Dates still matter (next billing date) even when the engine cannot price the periods.
    const zero = zeroMoney(terms.currency);
    for (const period of billingPeriods(terms, lastDay))
      if (wanted(period)) yield { ...period, chargeAmount: zero };
    return;
  }
  if (terms.billingMethod === 'OrderAmount' && terms.totalAmount !== null) {
    if (lastDay === null) {
      throw new DomainError(
        'BILLING_SCHEDULE.ORDER_AMOUNT_WITHOUT_END_DATE',
        'validation',
        'an OrderAmount schedule needs an end date or a cancellation date',
      );
    }
    const periods = [...billingPeriods(terms, lastDay)];
    const amounts = spreadOrderAmount(terms, terms.totalAmount, periods, invoiced);
    for (const [index, period] of periods.entries()) {
      const chargeAmount = amounts[index];
      if (chargeAmount !== undefined && wanted(period)) yield { ...period, chargeAmount };
    }
    return;
  }
  const full = fullPeriodAmount(terms, terms.unitPrice ?? '0');
  for (const period of billingPeriods(terms, lastDay)) {
    // Rounding is the costly step: only the periods the caller wants are priced.
    if (!wanted(period)) continue;
    const chargeAmount =
      invoiced.get(period.periodStart) ?? roundToMoney(full.mul(period.weight), terms.currency);
    yield { ...period, chargeAmount };
  }
}
