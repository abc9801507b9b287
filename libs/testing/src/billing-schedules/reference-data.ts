import type { PaymentTerm } from '@invoice-engine/invoicing';
import { calendarDate, currencyCode, type CurrencyCode } from '@invoice-engine/kernel';
import type { TaxRate } from '@invoice-engine/tax';

/**
 * The reference data the generated schedules need: the tax service and the invoice generation service
 * are started with files written from these lists, and the oracle reads the same lists.
 */
export const STANDARD_TAX_CODE = 'SW-STD';
export const REDUCED_TAX_CODE = 'SW-RED';
/** A tax code no rate exists for: a group carrying it fails its tax calculation (DOMAIN.md section 6). */
export const UNRATED_TAX_CODE = 'SW-UNRATED';

const from = calendarDate('2020-01-01');

export const TEST_TAX_RATES: readonly TaxRate[] = [
  { taxCode: STANDARD_TAX_CODE, country: 'US', region: null, rate: '0', effectiveFrom: from },
  { taxCode: STANDARD_TAX_CODE, country: 'US', region: 'CA', rate: '0.0725', effectiveFrom: from },
  { taxCode: STANDARD_TAX_CODE, country: 'US', region: 'NY', rate: '0.04', effectiveFrom: from },
  { taxCode: STANDARD_TAX_CODE, country: 'US', region: 'TX', rate: '0.0625', effectiveFrom: from },
  { taxCode: REDUCED_TAX_CODE, country: 'US', region: null, rate: '0.02', effectiveFrom: from },
  { taxCode: STANDARD_TAX_CODE, country: 'DE', region: null, rate: '0.19', effectiveFrom: from },
  { taxCode: REDUCED_TAX_CODE, country: 'DE', region: null, rate: '0.07', effectiveFrom: from },
  { taxCode: STANDARD_TAX_CODE, country: 'JP', region: null, rate: '0.08', effectiveFrom: from },
  // A later rate, so the invoice date decides which one applies.
  {
    taxCode: STANDARD_TAX_CODE,
    country: 'JP',
    region: null,
    rate: '0.10',
    effectiveFrom: calendarDate('2025-10-01'),
  },
  { taxCode: REDUCED_TAX_CODE, country: 'JP', region: null, rate: '0.08', effectiveFrom: from },
];

export const TEST_PAYMENT_TERMS: readonly PaymentTerm[] = [
  { id: 'due-on-receipt', dueDays: 0 },
  { id: 'net-15', dueDays: 15 },
  { id: 'net-30', dueDays: 30 },
  { id: 'net-60', dueDays: 60 },
];

/** Where a currency's customers live and which legal entity bills them. */
export interface CurrencyMarket {
  readonly currency: CurrencyCode;
  readonly country: string;
  readonly regions: readonly (string | null)[];
  readonly legalEntityId: string;
}

export const TEST_MARKETS: readonly CurrencyMarket[] = [
  { currency: currencyCode('USD'), country: 'US', regions: ['CA', 'NY', 'TX', null], legalEntityId: 'LE-US' },
  { currency: currencyCode('EUR'), country: 'DE', regions: [null], legalEntityId: 'LE-DE' },
  { currency: currencyCode('JPY'), country: 'JP', regions: [null], legalEntityId: 'LE-JP' },
];
