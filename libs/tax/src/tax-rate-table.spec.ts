import { calendarDate, DomainError } from '@invoice-engine/kernel';
import { taxRateTable, type TaxRate } from './tax-rate-table';

const californiaRate: TaxRate = {
  taxCode: 'STANDARD',
  country: 'US',
  region: 'CA',
  rate: '0.0725',
  effectiveFrom: calendarDate('2020-01-01'),
};

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('a tax rate table', () => {
  it('normalizes country, region and rate', () => {
    const table = taxRateTable([{ ...californiaRate, country: 'us', region: ' ca ', rate: '0.07250' }]);
    expect(table.rates).toEqual([{ ...californiaRate, rate: '0.0725' }]);
  });

  it('refuses two rates for the same tax code, place and effective date', () => {
    const error = errorOf(() =>
      taxRateTable([californiaRate, { ...californiaRate, region: 'ca', rate: '0.08' }]),
    );
    expect(error.code).toBe('TAX.DUPLICATE_RATE');
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/#0 and #1 .*STANDARD in US\/CA from 2020-01-01/);
  });

  it('accepts the same place with another effective date, tax code or region', () => {
    const rates = [
      californiaRate,
      { ...californiaRate, effectiveFrom: calendarDate('2026-01-01') },
      { ...californiaRate, taxCode: 'REDUCED' },
      { ...californiaRate, region: null },
    ];
    expect(taxRateTable(rates).rates).toHaveLength(4);
  });

  it.each([
    [{ rate: '7.25' }, /above 1/],
    [{ rate: '-0.01' }, /not a decimal/],
    [{ rate: 'seven' }, /not a decimal/],
    [{ rate: '' }, /not a decimal/],
    [{ country: 'USA' }, /two-letter/],
    [{ region: '  ' }, /empty region/],
    [{ taxCode: ' ' }, /empty tax code/],
    [{ effectiveFrom: '2026-02-30' as TaxRate['effectiveFrom'] }, /effectiveFrom "2026-02-30"/],
  ])('refuses a rate with %p', (change, message) => {
    const error = errorOf(() => taxRateTable([californiaRate, { ...californiaRate, ...change }]));
    expect(error.code).toBe('TAX.INVALID_RATE');
    expect(error.message).toMatch(/^Tax rate #1 /);
    expect(error.message).toMatch(message);
  });

  it('accepts a zero rate (zero-rated goods are a rate, not a missing one) and a rate of 1', () => {
    const table = taxRateTable([
      { ...californiaRate, rate: '0' },
      { ...californiaRate, taxCode: 'LUXURY', rate: '1.000' },
    ]);
    expect(table.rates.map((rate) => rate.rate)).toEqual(['0', '1']);
  });
});
