import type { RequestedInvoiceStatus } from '@invoice-engine/invoice-batch-runs';
import { addDays, addMonths, calendarDate, currencyCode, type CalendarDate } from '@invoice-engine/kernel';
import type { Scenario } from '../scenario/parse-scenario';

/** mulberry32: a small seeded generator, so that the same seed gives the same data set in both modes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Market {
  readonly currency: string;
  readonly legalEntityId: string;
  readonly country: string;
  readonly regions: readonly (string | null)[];
  readonly minorDigits: number;
}

const MARKETS: readonly Market[] = [
  {
    currency: 'USD',
    legalEntityId: 'LE-US',
    country: 'US',
    regions: ['CA', 'NY', 'WA', null],
    minorDigits: 2,
  },
  { currency: 'USD', legalEntityId: 'LE-US', country: 'US', regions: ['TX'], minorDigits: 2 },
  { currency: 'EUR', legalEntityId: 'LE-DE', country: 'DE', regions: [null], minorDigits: 2 },
  { currency: 'JPY', legalEntityId: 'LE-JP', country: 'JP', regions: [null], minorDigits: 0 },
];

const TODAY = calendarDate('2026-06-01');
const EFFECTIVE = calendarDate('2020-01-01');

function decimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * A generated data set for the equivalence spec, as a parsed scenario: `schedules` schedules over one
 * account per five schedules in USD (regions with and without a rate of their own), EUR and JPY; monthly,
 * quarterly, annual and one-time; Advance and Arrears; stubs with Separate and Combine; OrderAmount;
 * Default, per-schedule and custom grouping; every exclusion reason terms can give; one tax code without
 * a rate (its groups fail); and a line limit of 4 so that larger groups are split.
 */
export function generatedEquivalenceDataSet(options: {
  readonly schedules: number;
  readonly seed: number;
  readonly invoiceStatus: RequestedInvoiceStatus;
}): Scenario {
  const random = seededRandom(options.seed);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(values: readonly T[]): T => values[integer(0, values.length - 1)] as T;
  const earliest = addMonths(TODAY, -5);
  const schedules = Array.from({ length: options.schedules }, (_unused, index) => {
    const account = Math.floor(index / 5);
    const market = MARKETS[account % MARKETS.length] as Market;
    const startDate: CalendarDate = addDays(earliest, integer(0, 170));
    const unit = pick(['Month', 'Month', 'Month', 'Quarter', 'Year', 'OneTime'] as const);
    const orderAmount = unit === 'Month' && random() < 0.1;
    const groupType = pick(['Default', 'Default', 'Default', 'BillingSchedule', 'Custom'] as const);
    const draw = integer(1, 40);
    return {
      id: `GEN-${String(index + 1).padStart(5, '0')}`,
      billingAccountId: `ACC-${String(account + 1).padStart(4, '0')}`,
      billToContactId: `CON-${account + 1}`,
      currency: market.currency,
      paymentTermId: pick(['NET30', 'NET15', null]),
      legalEntityId: market.legalEntityId,
      // One account in 25 bills a tax code the rate table does not know: its groups fail.
      taxCode: account % 25 === 7 ? 'NORATE' : 'SW',
      billToAddress: { country: market.country, region: pick(market.regions) },
      invoiceGroupType: groupType,
      customInvoiceGroupKey: groupType === 'Custom' ? pick(['Project Alpha', 'project alpha', 'Beta']) : null,
      chargeType: unit === 'OneTime' ? 'OneTime' : 'Recurring',
      billingMethod: orderAmount ? 'OrderAmount' : 'Evergreen',
      billingType: random() < 0.7 ? 'Advance' : 'Arrears',
      billingTermUnit: unit,
      pricingTermUnit: unit === 'OneTime' ? 'OneTime' : 'Month',
      billDayOfMonth: pick([null, null, 1, integer(2, 31)]),
      partialPeriodTreatment: random() < 0.25 ? 'Combine' : 'Separate',
      unitPrice: draw === 8 ? null : decimal(integer(1_000, 40_000), market.minorDigits),
      quantity: String(integer(1, 5)),
      totalAmount: orderAmount
        ? decimal(integer(50, 500) * 10 ** (market.minorDigits + 1), market.minorDigits)
        : null,
      startDate: draw === 9 ? null : startDate,
      endDate: orderAmount ? addDays(addMonths(startDate, 12), -1) : null,
      cancellationDate: draw === 10 ? startDate : draw === 11 ? addMonths(startDate, 2) : null,
      suspension: draw === 12 ? { from: addMonths(TODAY, -1), resumeOn: addMonths(TODAY, 1) } : null,
      generateInvoice: draw !== 1,
      activated: draw !== 3,
      holdBilling: draw === 5,
    };
  });
  const rate = (country: string, region: string | null, value: string) => ({
    taxCode: 'SW',
    country,
    region,
    rate: value,
    effectiveFrom: EFFECTIVE,
  });
  return {
    org: {
      today: TODAY,
      defaultCurrency: currencyCode('USD'),
      maxTargetDateOffsetMonths: 12,
      maxLinesPerInvoice: 4,
    },
    taxRates: [
      rate('US', null, '0.05'),
      rate('US', 'CA', '0.0725'),
      rate('US', 'NY', '0.04'),
      rate('US', 'TX', '0.0625'),
      rate('DE', null, '0.19'),
      rate('JP', null, '0.10'),
    ],
    paymentTerms: [
      { id: 'NET30', dueDays: 30 },
      { id: 'NET15', dueDays: 15 },
    ],
    schedules,
    run: {
      targetDate: TODAY,
      invoiceDate: TODAY,
      invoiceStatus: options.invoiceStatus,
      criteria: {
        currencies: null,
        billingBatches: null,
        legalEntityIds: null,
        billingAccountIds: null,
        chargeTypes: null,
      },
      billingPeriodCount: null,
    },
  };
}
