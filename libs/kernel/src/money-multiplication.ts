import { ExactDecimal, money, roundToMoney, toMajorUnits, type Money } from './money';

interface DecimalFraction {
  readonly numerator: bigint;
  /** 10^(digits after the point). */
  readonly denominator: bigint;
}

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
// Factors are rates from a rate table: a handful of texts, each parsed once. Bounded all the same.
const MAX_KEPT_FACTORS = 1_000;
const fractions = new Map<string, DecimalFraction | null>();

function fractionOf(factor: string): DecimalFraction | null {
  const known = fractions.get(factor);
  if (known !== undefined) return known;
  const match = PLAIN_DECIMAL.exec(factor);
  const digits = match?.[2] ?? '';
  const fraction =
    match === null
      ? null
      : { numerator: BigInt(`${match[1]}${digits}`), denominator: 10n ** BigInt(digits.length) };
  if (fractions.size >= MAX_KEPT_FACTORS) fractions.clear();
  fractions.set(factor, fraction);
  return fraction;
}

/**
 * `amount × factor`, rounded half away from zero to the currency's minor unit: the same result as
 * `roundToMoney(toMajorUnits(amount) × factor)` (DOMAIN.md section 5's one rounding step), computed
 * in integers for a plain non-negative decimal factor such as a tax rate ("0.0725"): minor units ×
 * 725, divided by 10^4 with the remainder rounded. Other spellings ("7.25e-2") take the decimal path.
 * The tax service multiplies every invoice line this way; decimal.js was the largest arithmetic
 * cost in its CPU profile.
 */
export function multiplyMoney(amount: Money, factor: string): Money {
  const fraction = fractionOf(factor);
  if (fraction === null) {
    return roundToMoney(toMajorUnits(amount).mul(new ExactDecimal(factor)), amount.currency);
  }
  const product = amount.minorUnits * fraction.numerator;
  const truncated = product / fraction.denominator;
  const remainder = product % fraction.denominator;
  const awayFromZero = product < 0n ? -1n : 1n;
  const roundsAway = (remainder < 0n ? -remainder : remainder) * 2n >= fraction.denominator;
  return money(roundsAway ? truncated + awayFromZero : truncated, amount.currency);
}
