import type { CalendarDate } from '@invoice-engine/kernel';
import type { BillingPeriod } from './billing-period';
import type { InvoicedAmounts, PricedPeriod } from './period-charge';
import { periodPricing } from './period-pricing';
import type { BillingScheduleTerms } from './terms';

export { fullPeriodAmount, isPriceable, type InvoicedAmounts, type PricedPeriod } from './period-charge';
export { spreadOrderAmount } from './order-amount-spread';

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
  const pricing = periodPricing(terms, lastDay, invoiced);
  for (let index = 0; ; index += 1) {
    const period = pricing.periods.at(index);
    if (period === undefined) return;
    const priced = wanted(period) ? pricing.pricedAt(index) : undefined;
    if (priced !== undefined) yield priced;
  }
}
