import { ExactDecimal, type CalendarDate, type Money } from '@invoice-engine/kernel';
import { periodLengthInMonths, type BillingPeriod } from './billing-period';
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
