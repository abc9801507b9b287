import { formatMoney, tagBigInts, type Money } from '@invoice-engine/kernel';

/**
 * Money in a `numeric` column: the decimal in major units with exactly the currency's minor digits
 * ("109.68", JPY "1500"), which Postgres keeps as written and dashboards can sum.
 */
export function amountColumn(amount: Money): string {
  return formatMoney(amount);
}

export function nullableAmountColumn(amount: Money | null): string | null {
  return amount === null ? null : formatMoney(amount);
}

/** A `jsonb` column: JSON text, bigints tagged (`{"$bigint": "…"}`) so that kernel `reviveBigInts` restores them. */
export function jsonColumn(value: unknown): string {
  return JSON.stringify(tagBigInts(value));
}
