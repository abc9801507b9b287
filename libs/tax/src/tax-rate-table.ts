import { DomainError, ExactDecimal, isCalendarDate, type CalendarDate } from '@invoice-engine/kernel';

/** One row of the built-in engine's rate table (the scenario files' `taxRates[]`). */
export interface TaxRate {
  readonly taxCode: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  readonly country: string;
  /** State or province; null = the rate of the whole country. */
  readonly region: string | null;
  /** Decimal fraction as a string: "0.0725" for 7.25 %. */
  readonly rate: string;
  readonly effectiveFrom: CalendarDate;
}

/** A rate table that passed validation; build it only with `taxRateTable`. */
export interface TaxRateTable {
  readonly rates: readonly TaxRate[];
  readonly __brand: 'TaxRateTable';
}

const DECIMAL = /^\d+(\.\d+)?$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/**
 * Validates and normalizes a rate table: country upper case, region trimmed and upper case (so
 * `ca` and `CA` are one region), rate as a plain decimal string between 0 and 1 inclusive (a value
 * like "7.25" is almost certainly a percentage typed by mistake, so it is refused).
 */
export function taxRateTable(rates: readonly TaxRate[]): TaxRateTable {
  const normalized = rates.map((rate, index) => normalizeTaxRate(rate, index));
  const seen = new Map<string, number>();
  normalized.forEach((rate, index) => {
    const key = rateKey(rate);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DomainError(
        'TAX.DUPLICATE_RATE',
        'validation',
        `Tax rates #${first} and #${index} both set ${describeRate(rate)} from ${rate.effectiveFrom}`,
      );
    }
    seen.set(key, index);
  });
  return { rates: normalized, __brand: 'TaxRateTable' };
}

function normalizeTaxRate(rate: TaxRate, index: number): TaxRate {
  const taxCode = rate.taxCode.trim();
  if (taxCode.length === 0) invalid(index, 'has an empty tax code');
  if (!COUNTRY.test(rate.country.trim()))
    invalid(index, `has country "${rate.country}", not a two-letter code`);
  const region = rate.region === null ? null : rate.region.trim().toUpperCase();
  if (region === '') invalid(index, 'has an empty region (use null for the whole country)');
  if (!DECIMAL.test(rate.rate.trim())) invalid(index, `has rate "${rate.rate}", not a decimal number`);
  const value = new ExactDecimal(rate.rate.trim());
  if (value.greaterThan(1)) {
    invalid(index, `has rate "${rate.rate}" above 1 (rates are fractions: 7.25 % is "0.0725")`);
  }
  if (!isCalendarDate(rate.effectiveFrom)) {
    invalid(index, `has effectiveFrom "${String(rate.effectiveFrom)}", not a YYYY-MM-DD date`);
  }
  return {
    taxCode,
    country: rate.country.trim().toUpperCase(),
    region,
    rate: value.toFixed(),
    effectiveFrom: rate.effectiveFrom,
  };
}

function invalid(index: number, problem: string): never {
  throw new DomainError('TAX.INVALID_RATE', 'validation', `Tax rate #${index} ${problem}`);
}

function rateKey(rate: TaxRate): string {
  return JSON.stringify([rate.taxCode, rate.country, rate.region, rate.effectiveFrom]);
}

export function describeRate(rate: Pick<TaxRate, 'taxCode' | 'country' | 'region'>): string {
  return `tax code ${rate.taxCode} in ${rate.country}${rate.region === null ? '' : `/${rate.region}`}`;
}
