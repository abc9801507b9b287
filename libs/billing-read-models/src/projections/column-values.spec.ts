import { describe, expect, it } from '@jest/globals';
import { currencyCode, formatMoney, money, tagBigInts } from '@invoice-engine/kernel';
import fc from 'fast-check';
import { amountColumn, jsonColumn } from './column-values';

const currencies = ['USD', 'EUR', 'JPY', 'BHD', 'CLF'].map(currencyCode);

describe('money columns', () => {
  it('write the currency’s minor digits in major units', () => {
    expect(amountColumn(money(10968n, currencyCode('USD')))).toBe('109.68');
    expect(amountColumn(money(5n, currencyCode('USD')))).toBe('0.05');
    expect(amountColumn(money(-5n, currencyCode('USD')))).toBe('-0.05');
    expect(amountColumn(money(0n, currencyCode('EUR')))).toBe('0.00');
    expect(amountColumn(money(1500n, currencyCode('JPY')))).toBe('1500');
    expect(amountColumn(money(1250n, currencyCode('BHD')))).toBe('1.250');
  });

  it('are the text of the kernel’s formatMoney for any amount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.constantFrom(...currencies),
        (minor, currency) => {
          const amount = money(minor, currency);
          expect(amountColumn(amount)).toBe(formatMoney(amount));
        },
      ),
    );
  });
});

describe('json columns', () => {
  it('are the JSON of the value with its bigints tagged', () => {
    const value = { total: { currency: 'USD', minorUnits: 10968n }, lines: [1n, null, 'a'], flag: true };

    expect(jsonColumn(value)).toBe(JSON.stringify(tagBigInts(value)));
    expect(JSON.parse(jsonColumn(value))).toEqual({
      total: { currency: 'USD', minorUnits: { $bigint: '10968' } },
      lines: [{ $bigint: '1' }, null, 'a'],
      flag: true,
    });
  });
});
