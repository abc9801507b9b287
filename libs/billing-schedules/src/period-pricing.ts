import { DomainError, roundToMoney, zeroMoney, type CalendarDate, type Money } from '@invoice-engine/kernel';
import type { BillingPeriod } from './billing-period';
import { orderAmountRemainder, orderAmountShares, type OrderAmountRemainder } from './order-amount-spread';
import { fullPeriodPrice } from './full-period-price';
import { isPriceable, type InvoicedAmounts, type PricedPeriod } from './period-charge';
import { periodSequenceOf, type PeriodSequence } from './period-sequence';
import type { BillingScheduleTerms } from './terms';

/**
 * A sequence's periods priced as if nothing were invoiced, each priced once and kept with the sequence
 * (rounding is the costly step). Evergreen: full period amount × weight; OrderAmount: the share of the
 * total before the remainder; a schedule the engine cannot price: zero.
 */
class ListPrices {
  private readonly priced: PricedPeriod[];

  constructor(
    private readonly sequence: PeriodSequence,
    private readonly chargeOf: (period: BillingPeriod) => Money,
    pricedUpFront: PricedPeriod[] = [],
  ) {
    this.priced = pricedUpFront;
  }

  at(index: number): PricedPeriod | undefined {
    const known = this.priced[index];
    if (known !== undefined) return known;
    const period = this.sequence.at(index);
    if (period === undefined) return undefined;
    const priced = { ...period, chargeAmount: this.chargeOf(period) };
    this.priced[index] = priced;
    return priced;
  }

  /** Every period priced: only for a sequence with a last day. */
  all(): readonly PricedPeriod[] {
    for (let index = 0; this.at(index) !== undefined; index += 1);
    return this.priced;
  }
}

function evergreenCharge(terms: BillingScheduleTerms): (period: BillingPeriod) => Money {
  const full = fullPeriodPrice(terms);
  // A full period weighs exactly 1: its rounded amount is the full period's charge.
  return (period) =>
    period.weight.eq(1) ? full.charge : roundToMoney(full.amount.mul(period.weight), terms.currency);
}

function unexpectedPeriod(period: BillingPeriod): never {
  throw new Error(`${period.periodStart} was not among the periods an OrderAmount total was spread over`);
}

function listPricesOf(terms: BillingScheduleTerms, sequence: PeriodSequence): ListPrices {
  if (!isPriceable(terms)) {
    const zero = zeroMoney(terms.currency);
    return new ListPrices(sequence, () => zero);
  }
  const total = terms.totalAmount;
  if (terms.billingMethod === 'OrderAmount' && total !== null) {
    const shares = orderAmountShares(total, sequence.all());
    return new ListPrices(sequence, unexpectedPeriod, shares);
  }
  return new ListPrices(sequence, evergreenCharge(terms));
}

const listPrices = new WeakMap<PeriodSequence, ListPrices>();
const NOTHING_INVOICED: InvoicedAmounts = new Map();

/** The schedule's periods up to a last day, priced given the amounts already invoiced. */
export class PeriodPricing {
  constructor(
    readonly periods: PeriodSequence,
    private readonly prices: ListPrices,
    private readonly invoiced: InvoicedAmounts,
    private readonly remainder: OrderAmountRemainder | null,
  ) {}

  /**
   * The period at `index` with its charge amount: the invoiced amount when it is on an invoice, the
   * remainder of an OrderAmount total, otherwise its list price. Undefined past the last period.
   */
  pricedAt(index: number): PricedPeriod | undefined {
    const listed = this.prices.at(index);
    if (listed === undefined) return undefined;
    const invoicedAmount = this.invoiced.get(listed.periodStart);
    if (invoicedAmount !== undefined) return { ...listed, chargeAmount: invoicedAmount };
    if (this.remainder?.index === index) return { ...listed, chargeAmount: this.remainder.amount };
    return listed;
  }
}

/** The OrderAmount total the schedule spreads, null when it is not an OrderAmount schedule this engine prices. */
function spreadTotal(terms: BillingScheduleTerms): Money | null {
  const total = terms.totalAmount;
  return isPriceable(terms) && terms.billingMethod === 'OrderAmount' ? total : null;
}

/**
 * The schedule's periods up to `lastDay` (null = forever), for reading their dates. An OrderAmount
 * schedule needs a last day, whether its periods are priced or not.
 */
export function pricedPeriodSequence(
  terms: BillingScheduleTerms,
  lastDay: CalendarDate | null,
): PeriodSequence {
  if (spreadTotal(terms) !== null && lastDay === null) {
    throw new DomainError(
      'BILLING_SCHEDULE.ORDER_AMOUNT_WITHOUT_END_DATE',
      'validation',
      'an OrderAmount schedule needs an end date or a cancellation date',
    );
  }
  return periodSequenceOf(terms, lastDay);
}

/**
 * Prices the schedule's periods up to `lastDay` (null = forever). A schedule the engine cannot price gets
 * zero amounts, invoiced or not; an OrderAmount schedule needs a last day.
 */
export function periodPricing(
  terms: BillingScheduleTerms,
  lastDay: CalendarDate | null,
  invoiced: InvoicedAmounts,
): PeriodPricing {
  const periods = pricedPeriodSequence(terms, lastDay);
  let prices = listPrices.get(periods);
  if (prices === undefined) {
    prices = listPricesOf(terms, periods);
    listPrices.set(periods, prices);
  }
  if (!isPriceable(terms)) return new PeriodPricing(periods, prices, NOTHING_INVOICED, null);
  const total = spreadTotal(terms);
  const remainder = total === null ? null : orderAmountRemainder(terms, total, prices.all(), invoiced);
  return new PeriodPricing(periods, prices, invoiced, remainder);
}
