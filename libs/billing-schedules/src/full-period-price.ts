import { roundToMoney, type CurrencyCode, type ExactDecimal, type Money } from '@invoice-engine/kernel';
import { fullPeriodAmount } from './period-charge';
import type { BillingScheduleTerms } from './terms';

/** A full period's exact amount and, once asked for, its charge rounded to the currency. */
class FullPeriodPrice {
  private rounded: Money | null = null;

  constructor(
    readonly amount: ExactDecimal,
    private readonly currency: CurrencyCode,
  ) {}

  get charge(): Money {
    this.rounded ??= roundToMoney(this.amount, this.currency);
    return this.rounded;
  }
}

/**
 * Full period prices by everything they are computed from. A schedule read again (the completion after
 * a dry run, the posting, next month's run) comes with new terms objects but the same price, and
 * schedules of one catalogue share prices; the decimal arithmetic is the costly part. Bounded: the map
 * is emptied when full, which only costs recomputing.
 */
const prices = new Map<string, FullPeriodPrice>();
const MOST_PRICES_KEPT = 50_000;

export function fullPeriodPrice(terms: BillingScheduleTerms): FullPeriodPrice {
  const unitPrice = terms.unitPrice ?? '0';
  const { chargeType, billingTermUnit, billingTerm, pricingTermUnit, quantity, currency } = terms;
  const key = `${chargeType}|${billingTermUnit}|${billingTerm}|${pricingTermUnit}|${unitPrice}|${quantity}|${currency}`;
  let price = prices.get(key);
  if (price === undefined) {
    if (prices.size >= MOST_PRICES_KEPT) prices.clear();
    price = new FullPeriodPrice(fullPeriodAmount(terms, unitPrice), currency);
    prices.set(key, price);
  }
  return price;
}
