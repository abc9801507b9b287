import { calendarDate } from '@invoice-engine/kernel';
import { findTaxRate } from './tax-rate-lookup';
import { taxRateTable } from './tax-rate-table';

const table = taxRateTable([
  {
    taxCode: 'STANDARD',
    country: 'US',
    region: null,
    rate: '0.05',
    effectiveFrom: calendarDate('2020-01-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'US',
    region: 'CA',
    rate: '0.0725',
    effectiveFrom: calendarDate('2020-01-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'US',
    region: 'CA',
    rate: '0.08',
    effectiveFrom: calendarDate('2026-07-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'US',
    region: 'TX',
    rate: '0.0625',
    effectiveFrom: calendarDate('2027-01-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'DE',
    region: null,
    rate: '0.19',
    effectiveFrom: calendarDate('2020-01-01'),
  },
  {
    taxCode: 'REDUCED',
    country: 'DE',
    region: null,
    rate: '0.07',
    effectiveFrom: calendarDate('2020-01-01'),
  },
]);

function rateFor(country: string, region: string | null, on: string, taxCode = 'STANDARD'): string | null {
  return findTaxRate(table, { taxCode, country, region, on: calendarDate(on) })?.rate ?? null;
}

describe('looking up a tax rate', () => {
  it("prefers the rate of the address's region to the country's", () => {
    expect(rateFor('US', 'CA', '2026-03-01')).toBe('0.0725');
  });

  it('falls back to the country rate with no region', () => {
    expect(rateFor('US', 'NY', '2026-03-01')).toBe('0.05');
    expect(rateFor('US', null, '2026-03-01')).toBe('0.05');
    expect(rateFor('DE', 'BY', '2026-03-01')).toBe('0.19');
  });

  it('takes the latest rate effective on or before the invoice date', () => {
    expect(rateFor('US', 'CA', '2026-06-30')).toBe('0.0725');
    expect(rateFor('US', 'CA', '2026-07-01')).toBe('0.08');
    expect(rateFor('US', 'CA', '2030-01-01')).toBe('0.08');
  });

  it('uses the country rate while the region rate is not yet in force', () => {
    expect(rateFor('US', 'TX', '2026-12-31')).toBe('0.05');
    expect(rateFor('US', 'TX', '2027-01-01')).toBe('0.0625');
  });

  it('matches country and region regardless of case', () => {
    expect(rateFor('us', 'ca', '2026-03-01')).toBe('0.0725');
  });

  it('distinguishes tax codes', () => {
    expect(rateFor('DE', null, '2026-03-01', 'REDUCED')).toBe('0.07');
  });

  it('finds nothing before the first rate, for an unknown country or an unknown tax code', () => {
    expect(rateFor('US', 'CA', '2019-12-31')).toBeNull();
    expect(rateFor('FR', null, '2026-03-01')).toBeNull();
    expect(rateFor('US', 'CA', '2026-03-01', 'EXEMPT')).toBeNull();
  });
});
