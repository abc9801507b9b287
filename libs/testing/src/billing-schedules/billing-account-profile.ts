import type { BillToAddress } from '@invoice-engine/billing-schedules';
import { SeededRandom } from './seeded-random';
import { TEST_MARKETS, type CurrencyMarket } from './reference-data';

/**
 * What every schedule of one billing account shares: the fields of the Default grouping key
 * (account, contact, currency, payment term, tax engine, legal entity, saved payment method) and the
 * bill-to address. With them fixed per account, an account's Default schedules form one group.
 */
export interface BillingAccountProfile {
  readonly billingAccountId: string;
  readonly billToContactId: string;
  readonly market: CurrencyMarket;
  readonly paymentTermId: string | null;
  readonly savedPaymentMethodId: string | null;
  readonly billToAddress: BillToAddress;
}

const PAYMENT_TERMS: readonly (readonly [string | null, number])[] = [
  ['net-30', 0.5],
  ['net-15', 0.2],
  ['net-60', 0.1],
  ['due-on-receipt', 0.1],
  [null, 0.1],
];

/** The account profile of account `index` (currencies rotate so each gets a third of the accounts). */
export function billingAccountProfile(seed: number, idPrefix: string, index: number): BillingAccountProfile {
  const random = SeededRandom.forItem(seed ^ 0x5eed_acc7, index);
  const market = TEST_MARKETS[index % TEST_MARKETS.length] ?? TEST_MARKETS[0];
  if (market === undefined) throw new Error('no market to bill in');
  const billingAccountId = `${idPrefix}-acct-${String(index).padStart(6, '0')}`;
  return {
    billingAccountId,
    billToContactId: `${billingAccountId}-contact`,
    market,
    paymentTermId: random.weighted(PAYMENT_TERMS),
    savedPaymentMethodId: random.chance(0.7) ? `${billingAccountId}-card` : null,
    billToAddress: { country: market.country, region: random.pick(market.regions) },
  };
}
