import type { PaymentTerm } from '@invoice-engine/invoicing';
import { addDays, addMonths, calendarDate, type CalendarDate } from '@invoice-engine/kernel';
import type { TaxRate } from '@invoice-engine/tax';
import { SeededRandom } from './seeded-random';

/** A demo data set: schedules as a file would give them, and the rates and terms they need. */
export interface DemoDataSet {
  /** As a JSON schedule file holds them: one object per schedule, the field names of DOMAIN.md. */
  readonly schedules: readonly Readonly<Record<string, unknown>>[];
  readonly taxRates: readonly TaxRate[];
  readonly paymentTerms: readonly PaymentTerm[];
}

interface Market {
  readonly currency: string;
  readonly legalEntityId: string;
  readonly country: string;
  readonly regions: readonly (string | null)[];
  /** Unit prices are drawn in minor units between these bounds. */
  readonly priceMinor: readonly [number, number];
  readonly minorDigits: number;
}

const MARKETS: readonly (readonly [Market, number])[] = [
  [
    {
      currency: 'USD',
      legalEntityId: 'LE-US',
      country: 'US',
      regions: ['CA', 'NY', 'TX', 'WA'],
      priceMinor: [1_000, 50_000],
      minorDigits: 2,
    },
    6,
  ],
  [
    {
      currency: 'EUR',
      legalEntityId: 'LE-DE',
      country: 'DE',
      regions: [null],
      priceMinor: [1_000, 40_000],
      minorDigits: 2,
    },
    3,
  ],
  [
    {
      currency: 'JPY',
      legalEntityId: 'LE-JP',
      country: 'JP',
      regions: [null],
      priceMinor: [1_000, 50_000],
      minorDigits: 0,
    },
    1,
  ],
];

const EFFECTIVE = calendarDate('2000-01-01');
const TAX_RATES: readonly TaxRate[] = [
  { taxCode: 'SW', country: 'US', region: null, rate: '0.05', effectiveFrom: EFFECTIVE },
  { taxCode: 'SW', country: 'US', region: 'CA', rate: '0.0725', effectiveFrom: EFFECTIVE },
  { taxCode: 'SW', country: 'US', region: 'NY', rate: '0.04', effectiveFrom: EFFECTIVE },
  { taxCode: 'SW', country: 'US', region: 'TX', rate: '0.0625', effectiveFrom: EFFECTIVE },
  { taxCode: 'SW', country: 'DE', region: null, rate: '0.19', effectiveFrom: EFFECTIVE },
  { taxCode: 'SW', country: 'JP', region: null, rate: '0.10', effectiveFrom: EFFECTIVE },
];

const PAYMENT_TERMS: readonly PaymentTerm[] = [
  { id: 'NET30', dueDays: 30 },
  { id: 'NET15', dueDays: 15 },
  { id: 'DUE', dueDays: 0 },
];

interface Account {
  readonly id: string;
  readonly market: Market;
  readonly region: string | null;
  readonly paymentTermId: string;
}

function padded(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function decimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const text = padded(minor, digits + 1);
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function accountsOf(random: SeededRandom, count: number): Account[] {
  return Array.from({ length: count }, (_unused, index) => {
    const market = random.weighted(MARKETS);
    return {
      id: `ACC-${padded(index + 1, 5)}`,
      market,
      region: market.regions[random.integer(0, market.regions.length - 1)] ?? null,
      paymentTermId: random.weighted([
        ['NET30', 6],
        ['NET15', 3],
        ['DUE', 1],
      ] as const),
    };
  });
}

/** Charging terms: mostly monthly recurring, some quarterly/annual/semi-annual, one-time and usage. */
function charging(random: SeededRandom, market: Market, startDate: CalendarDate): Record<string, unknown> {
  const chargeType = random.weighted([
    ['Recurring', 85],
    ['OneTime', 10],
    ['Usage', 5],
  ] as const);
  const unit =
    chargeType === 'OneTime'
      ? 'OneTime'
      : random.weighted([
          ['Month', 60],
          ['Quarter', 20],
          ['Year', 15],
          ['SemiAnnual', 5],
        ] as const);
  const orderAmount = chargeType === 'Recurring' && random.chance(0.1);
  const price = decimal(random.integer(...market.priceMinor), market.minorDigits);
  return {
    chargeType,
    billingMethod: orderAmount ? 'OrderAmount' : 'Evergreen',
    billingType: random.chance(0.7) ? 'Advance' : 'Arrears',
    billingTermUnit: unit,
    pricingTermUnit: unit === 'OneTime' ? 'OneTime' : 'Month',
    // Half anchor on the start date's day (stubs are then rare), the rest on the 1st or a random day.
    billDayOfMonth: random.weighted([
      [null, 5],
      [1, 3],
      [random.integer(2, 28), 2],
    ] as const),
    partialPeriodTreatment: random.chance(0.2) ? 'Combine' : 'Separate',
    unitPrice: chargeType === 'Usage' ? '0.0125' : price,
    quantity: String(random.integer(1, 10)),
    totalAmount: orderAmount
      ? decimal(random.integer(10, 200) * 10 ** (market.minorDigits + 2), market.minorDigits)
      : null,
    endDate: orderAmount ? addDays(addMonths(startDate, 12), -1) : null,
  };
}

/** Flags and dates that give each exclusion reason a few schedules. */
function exclusions(
  random: SeededRandom,
  startDate: CalendarDate,
  targetDate: CalendarDate,
): Record<string, unknown> {
  const draw = random.integer(1, 100);
  return {
    generateInvoice: draw !== 1 && draw !== 2,
    activated: draw !== 3 && draw !== 4,
    holdBilling: draw >= 5 && draw <= 7,
    ...(draw === 8 ? { unitPrice: null } : {}),
    ...(draw === 9 ? { startDate: null } : {}),
    cancellationDate: draw === 10 ? startDate : null,
    suspension: draw === 11 ? { from: addMonths(targetDate, -1), resumeOn: addMonths(targetDate, 1) } : null,
  };
}

/**
 * A deterministic demo data set: `schedules` billing schedules spread over `accounts` billing accounts
 * in USD, EUR and JPY; Advance and Arrears; monthly, quarterly, semi-annual, annual and one-time;
 * stubs; OrderAmount and Evergreen; a few percent each on hold, not activated, invoicing disabled,
 * cancelled, suspended, missing a price or a start date; start dates from 6 months before the target
 * date to 1 month after it (so some are not due yet).
 */
export function demoDataSet(options: {
  readonly schedules: number;
  readonly accounts: number;
  readonly targetDate: CalendarDate;
  readonly seed: number;
}): DemoDataSet {
  const random = new SeededRandom(options.seed);
  const accounts = accountsOf(random, options.accounts);
  const earliest = addMonths(options.targetDate, -6);
  const schedules = Array.from({ length: options.schedules }, (_unused, index) => {
    const account = accounts[index % accounts.length] ?? accounts[0];
    if (account === undefined) throw new Error('The demo needs at least one account');
    const startDate = addDays(earliest, random.integer(0, 7 * 30));
    const groupType = random.weighted([
      ['Default', 90],
      ['BillingSchedule', 5],
      ['Custom', 5],
    ] as const);
    return {
      id: `BS-${padded(index + 1, 6)}`,
      billingAccountId: account.id,
      billToContactId: `CON-${account.id.slice(4)}`,
      currency: account.market.currency,
      paymentTermId: account.paymentTermId,
      legalEntityId: account.market.legalEntityId,
      taxCode: 'SW',
      billToAddress: { country: account.market.country, region: account.region },
      invoiceGroupType: groupType,
      customInvoiceGroupKey:
        groupType === 'Custom'
          ? random.weighted([
              ['Project Alpha', 1],
              ['Project Beta', 1],
            ] as const)
          : null,
      billingBatch: random.weighted([
        ['east', 1],
        ['west', 1],
        [null, 1],
      ] as const),
      startDate,
      ...charging(random, account.market, startDate),
      ...exclusions(random, startDate, options.targetDate),
    };
  });
  return { schedules, taxRates: TAX_RATES, paymentTerms: PAYMENT_TERMS };
}
