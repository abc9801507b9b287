import { DomainError, ExactDecimal, type CurrencyCode, type Money } from '@invoice-engine/kernel';
import type { DecimalString } from '../terms';

const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;
const NEGATIVE_DECIMAL = /^-\d+(\.\d+)?$/;

/** A usage quantity: a plain decimal string, not negative (`"0"`, `"12.5"`); no exponent, no sign. */
export function validUsageQuantity(value: DecimalString, field: string): ExactDecimal {
  if (NEGATIVE_DECIMAL.test(value)) {
    throw new DomainError('USAGE_SUMMARY.NEGATIVE_QUANTITY', 'validation', `${field} ${value} is negative`);
  }
  if (!UNSIGNED_DECIMAL.test(value)) {
    throw new DomainError(
      'USAGE_SUMMARY.INVALID_QUANTITY',
      'validation',
      `${field} "${value}" is not a decimal number`,
    );
  }
  return new ExactDecimal(value);
}

/** An amount of the summary: in its currency and not negative. */
export function validUsageAmount(amount: Money, currency: CurrencyCode, field: string): Money {
  if (amount.currency !== currency) {
    throw new DomainError(
      'USAGE_SUMMARY.CURRENCY_MISMATCH',
      'validation',
      `${field} is in ${amount.currency}, the usage summary in ${currency}`,
    );
  }
  if (amount.minorUnits < 0n) {
    throw new DomainError('USAGE_SUMMARY.NEGATIVE_AMOUNT', 'validation', `${field} is negative`);
  }
  return amount;
}

/** Exact decimal text without exponent notation, trailing zeros dropped (`"1.50" + "1"` → `"2.5"`). */
export function decimalString(value: ExactDecimal): DecimalString {
  return value.toFixed();
}
