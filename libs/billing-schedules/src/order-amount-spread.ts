import {
  ExactDecimal,
  roundToMoney,
  subtractMoney,
  sumMoney,
  toMajorUnits,
  type Money,
} from '@invoice-engine/kernel';
import type { BillingPeriod } from './billing-period';
import type { InvoicedAmounts, PricedPeriod } from './period-charge';
import type { BillingScheduleTerms } from './terms';

/** The periods priced at their share of an OrderAmount total by weight, rounded, before the remainder. */
export function orderAmountShares(total: Money, periods: readonly BillingPeriod[]): PricedPeriod[] {
  const totalWeight = periods.reduce((sum, period) => sum.plus(period.weight), new ExactDecimal(0));
  const majorUnits = toMajorUnits(total);
  const shareOf = (weight: ExactDecimal) =>
    roundToMoney(majorUnits.mul(weight).div(totalWeight), total.currency);
  // Full periods all weigh exactly 1, so they all get the same share: it is computed once.
  let fullShare: Money | null = null;
  return periods.map((period) => {
    if (!period.weight.eq(1)) return { ...period, chargeAmount: shareOf(period.weight) };
    fullShare ??= shareOf(period.weight);
    return { ...period, chargeAmount: fullShare };
  });
}

/** Where the remainder goes and how much it is, so the lines sum exactly to the total. */
export interface OrderAmountRemainder {
  readonly index: number;
  readonly amount: Money;
}

/**
 * The last (`AddToLast`) or first (`AddToFirst`) period not yet invoiced takes the total less every other
 * period's amount (invoiced amounts included); null when every period is invoiced.
 */
export function orderAmountRemainder(
  terms: BillingScheduleTerms,
  total: Money,
  shares: readonly PricedPeriod[],
  invoiced: InvoicedAmounts,
): OrderAmountRemainder | null {
  const open = shares
    .map((period, index) => (invoiced.has(period.periodStart) ? -1 : index))
    .filter((index) => index >= 0);
  const remainderIndex = terms.remainderStrategy === 'AddToFirst' ? open[0] : open[open.length - 1];
  if (remainderIndex === undefined) return null;
  const others = shares
    .filter((_, index) => index !== remainderIndex)
    .map((period) => invoiced.get(period.periodStart) ?? period.chargeAmount);
  return { index: remainderIndex, amount: subtractMoney(total, sumMoney(others, total.currency)) };
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
  const shares = orderAmountShares(total, periods);
  const amounts = shares.map((period) => invoiced.get(period.periodStart) ?? period.chargeAmount);
  const remainder = orderAmountRemainder(terms, total, shares, invoiced);
  if (remainder !== null) amounts[remainder.index] = remainder.amount;
  return amounts;
}
