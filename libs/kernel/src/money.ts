import Decimal from 'decimal.js';
import { code as findCurrency, type CurrencyCodeRecord } from 'currency-codes';
import { DomainError } from './domain-error';

/** ISO 4217 alphabetic currency code, e.g. `USD`, `JPY`, `BHD`. */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/** An exact amount of money in the currency's minor units (cents for USD, yen for JPY, fils for BHD). */
export interface Money {
  readonly currency: CurrencyCode;
  readonly minorUnits: bigint;
}

/** Decimal arithmetic with enough precision for proration and tax rates; rounding only where named. */
export const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

const knownCurrencies = new Map<string, CurrencyCodeRecord>();

/**
 * The ISO 4217 entry of a code, looked up once per code: `currency-codes` searches its whole table on
 * every call, and money arithmetic asks for the digits of the same few currencies millions of times.
 */
function currencyByCode(code: string): CurrencyCodeRecord | undefined {
  const known = knownCurrencies.get(code);
  if (known !== undefined) return known;
  const found = findCurrency(code);
  // Only real codes are kept, so unknown input cannot grow the map.
  if (found !== undefined) knownCurrencies.set(code, found);
  return found;
}

/** Minor-unit digits of a currency, from the ISO 4217 table maintained in `currency-codes`. */
export function minorUnitDigits(currency: CurrencyCode): number {
  const entry = currencyByCode(currency);
  if (!entry)
    throw new DomainError('MONEY.UNKNOWN_CURRENCY', 'validation', `Unknown ISO 4217 currency ${currency}`);
  return entry.digits;
}

export function currencyCode(value: string): CurrencyCode {
  const candidate = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(candidate) || !currencyByCode(candidate)) {
    throw new DomainError(
      'MONEY.UNKNOWN_CURRENCY',
      'validation',
      `"${value}" is not an ISO 4217 currency code`,
    );
  }
  return candidate as CurrencyCode;
}

export function isCurrencyCode(value: string): value is CurrencyCode {
  return /^[A-Z]{3}$/.test(value) && currencyByCode(value) !== undefined;
}

export function money(minorUnits: bigint, currency: CurrencyCode): Money {
  return { currency, minorUnits };
}

export function zeroMoney(currency: CurrencyCode): Money {
  return money(0n, currency);
}

function assertSameCurrency(left: Money, right: Money): void {
  if (left.currency !== right.currency) {
    throw new DomainError(
      'MONEY.CURRENCY_MISMATCH',
      'validation',
      `Cannot combine ${left.currency} with ${right.currency}`,
    );
  }
}

export function addMoney(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.minorUnits + right.minorUnits, left.currency);
}

export function subtractMoney(left: Money, right: Money): Money {
  assertSameCurrency(left, right);
  return money(left.minorUnits - right.minorUnits, left.currency);
}

export function sumMoney(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce((total, amount) => addMoney(total, amount), zeroMoney(currency));
}

const minorUnitScales: ExactDecimal[] = [];

/** 10^digits, computed once per digit count: `pow` was the costliest step of every rounding. */
function minorUnitScale(currency: CurrencyCode): ExactDecimal {
  const digits = minorUnitDigits(currency);
  const scale = minorUnitScales[digits] ?? new ExactDecimal(10).pow(digits);
  minorUnitScales[digits] = scale;
  return scale;
}

/** The money's value in major units as an exact decimal (`109.68` for 10968 cents). */
export function toMajorUnits(amount: Money): ExactDecimal {
  return new ExactDecimal(amount.minorUnits.toString()).div(minorUnitScale(amount.currency));
}

/**
 * Rounds an exact major-unit value to the currency's minor unit, half away from zero.
 * This is the only rounding step for line amounts and line taxes (DOMAIN.md section 5).
 */
export function roundToMoney(majorUnits: ExactDecimal | string | number, currency: CurrencyCode): Money {
  const minor = new ExactDecimal(majorUnits)
    .mul(minorUnitScale(currency))
    .toDecimalPlaces(0, ExactDecimal.ROUND_HALF_UP);
  return money(BigInt(minor.toFixed(0)), currency);
}

/** Decimal string with exactly the currency's minor digits: "109.68", JPY "1500", BHD "1.250". */
export function formatMoney(amount: Money): string {
  return toMajorUnits(amount).toFixed(minorUnitDigits(amount.currency));
}

/** Parses a decimal string in major units; more digits than the currency has is an error, not a rounding. */
export function parseMoney(value: string, currency: CurrencyCode): Money {
  const digits = minorUnitDigits(currency);
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    throw new DomainError('MONEY.INVALID_AMOUNT', 'validation', `"${value}" is not a decimal amount`);
  }
  const exact = new ExactDecimal(value.trim());
  if (exact.decimalPlaces() > digits) {
    throw new DomainError(
      'MONEY.TOO_MANY_DIGITS',
      'validation',
      `"${value}" has more than the ${digits} minor digits of ${currency}`,
    );
  }
  return roundToMoney(exact, currency);
}
