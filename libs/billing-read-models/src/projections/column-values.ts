import { minorUnitDigits, toJsonWithBigInt, type CurrencyCode, type Money } from '@invoice-engine/kernel';

/**
 * Minor-unit digits per currency, looked up once: a fold formats several amounts per event, and the
 * kernel's lookup scans the ISO 4217 table each time.
 */
const digitsByCurrency = new Map<CurrencyCode, number>();

function digitsOf(currency: CurrencyCode): number {
  const known = digitsByCurrency.get(currency);
  if (known !== undefined) return known;
  const digits = minorUnitDigits(currency);
  digitsByCurrency.set(currency, digits);
  return digits;
}

/**
 * Money in a `numeric` column: the decimal in major units with exactly the currency's minor digits
 * ("109.68", JPY "1500", "-0.05"), which Postgres keeps as written and dashboards can sum. The same
 * text as the kernel's `formatMoney`, written from the bigint's digits: going through a decimal
 * division per amount made formatting most of the projections' CPU time.
 */
export function amountColumn(amount: Money): string {
  const digits = digitsOf(amount.currency);
  const negative = amount.minorUnits < 0n;
  const magnitude = (negative ? -amount.minorUnits : amount.minorUnits).toString();
  const sign = negative ? '-' : '';
  if (digits === 0) return `${sign}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

export function nullableAmountColumn(amount: Money | null): string | null {
  return amount === null ? null : amountColumn(amount);
}

/** A `jsonb` column: JSON text, bigints tagged (`{"$bigint": "…"}`) so that kernel `reviveBigInts` restores them. */
export function jsonColumn(value: unknown): string {
  return toJsonWithBigInt(value);
}
