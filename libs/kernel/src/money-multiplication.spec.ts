import fc from 'fast-check';
import { currencyCode, ExactDecimal, money, roundToMoney, toMajorUnits } from './money';
import { multiplyMoney } from './money-multiplication';

const usd = currencyCode('USD');
const jpy = currencyCode('JPY');
const bhd = currencyCode('BHD');

describe('multiplying money by a decimal factor', () => {
  it('rounds half away from zero at the minor unit, once', () => {
    expect(multiplyMoney(money(10968n, usd), '0.0725')).toEqual(money(795n, usd)); // 7.9518 → 7.95
    expect(multiplyMoney(money(1000n, usd), '0.0725')).toEqual(money(73n, usd)); // 0.725 → 0.73
    expect(multiplyMoney(money(-1000n, usd), '0.0725')).toEqual(money(-73n, usd)); // −0.725 → −0.73
    expect(multiplyMoney(money(35667n, jpy), '0.1')).toEqual(money(3567n, jpy)); // 3566.7 → 3567
    expect(multiplyMoney(money(1250n, bhd), '0.05')).toEqual(money(63n, bhd)); // 0.0625 → 0.063
    expect(multiplyMoney(money(1250n, bhd), '7.25e-2')).toEqual(money(91n, bhd)); // the decimal path
  });

  it('equals the decimal computation for any amount and plain rate (property)', () => {
    const rate = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.option(fc.stringMatching(/^\d{1,6}$/)))
      .map(([whole, fraction]) => (fraction === null ? String(whole) : `${whole}.${fraction}`));
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc.constantFrom(usd, jpy, bhd),
        rate,
        (minor, currency, factor) => {
          const amount = money(minor, currency);
          const decimal = roundToMoney(toMajorUnits(amount).mul(new ExactDecimal(factor)), currency);
          expect(multiplyMoney(amount, factor)).toEqual(decimal);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
