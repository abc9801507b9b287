import fc from 'fast-check';
import {
  addMoney,
  currencyCode,
  formatMoney,
  minorUnitDigits,
  money,
  parseMoney,
  roundToMoney,
  ExactDecimal,
} from './money';

const usd = currencyCode('USD');
const jpy = currencyCode('JPY');
const bhd = currencyCode('BHD');

describe('money in ISO 4217 minor units', () => {
  it('knows the minor digits of two-, zero- and three-decimal currencies', () => {
    expect([minorUnitDigits(usd), minorUnitDigits(jpy), minorUnitDigits(bhd)]).toEqual([2, 0, 3]);
  });

  it('rounds half away from zero once, at the minor unit', () => {
    expect(formatMoney(roundToMoney('109.675', usd))).toBe('109.68');
    expect(formatMoney(roundToMoney('-109.675', usd))).toBe('-109.68');
    expect(formatMoney(roundToMoney('1499.5', jpy))).toBe('1500');
    expect(formatMoney(roundToMoney('1.2345', bhd))).toBe('1.235');
  });

  it('prorates the stub of worked example 1 to 109.68', () => {
    const stub = new ExactDecimal(200).mul(17).div(31);
    expect(formatMoney(roundToMoney(stub, usd))).toBe('109.68');
  });

  it('rejects an unknown currency and amounts with too many digits', () => {
    expect(() => currencyCode('XYZ')).toThrow(/ISO 4217/);
    expect(() => parseMoney('1.5', jpy)).toThrow(/minor digits/);
  });

  it('formats and parses back to the same amount in any currency', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom(usd, jpy, bhd),
        (minor, currency) => {
          const amount = money(minor, currency);
          expect(parseMoney(formatMoney(amount), currency)).toEqual(amount);
        },
      ),
    );
  });

  it('refuses to add different currencies', () => {
    expect(() => addMoney(money(1n, usd), money(1n, jpy))).toThrow(/USD with JPY/);
  });
});
