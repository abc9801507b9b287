import {
  calendarDate,
  currencyCode,
  formatMoney,
  parseMoney,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import { RateTableTaxEngine } from './rate-table-tax-engine';
import { lineTax } from './rate-table-taxation';
import type { TaxRequest, TaxResult } from './tax-engine';

const usd = currencyCode('USD');
const engine = new RateTableTaxEngine([
  {
    taxCode: 'STANDARD',
    country: 'US',
    region: 'CA',
    rate: '0.0725',
    effectiveFrom: calendarDate('2020-01-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'JP',
    region: null,
    rate: '0.10',
    effectiveFrom: calendarDate('2019-10-01'),
  },
  {
    taxCode: 'STANDARD',
    country: 'BH',
    region: null,
    rate: '0.10',
    effectiveFrom: calendarDate('2022-01-01'),
  },
]);

function request(charges: readonly string[], currency: CurrencyCode = usd, country = 'US'): TaxRequest {
  return {
    invoiceId: 'invoice-1',
    invoiceDate: calendarDate('2026-03-01'),
    currency,
    billToAddress: { country, region: country === 'US' ? 'CA' : null },
    lines: charges.map((charge, index) => ({
      lineId: `line-${index}`,
      taxCode: 'STANDARD',
      chargeAmount: parseMoney(charge, currency),
    })),
  };
}

function taxesOf(result: TaxResult): string[] {
  if (result.outcome !== 'Taxed') throw new Error(`expected taxes, got ${result.failure.message}`);
  return result.lines.map((line) => formatMoney(line.taxAmount));
}

describe('the rate-table tax engine', () => {
  it('estimates the taxes of worked example 1: 7.95 + 14.50 + 14.50', async () => {
    const result = await engine.estimate(request(['109.68', '200.00', '200.00']));
    expect(taxesOf(result)).toEqual(['7.95', '14.50', '14.50']);
    expect(result).toMatchObject({
      lines: [{ lineId: 'line-0', rate: '0.0725', taxCode: 'STANDARD', taxStatus: 'Estimated' }, {}, {}],
    });
  });

  it('marks committed taxes as Posted with the same amounts', async () => {
    const result = await engine.calculateAndCommit(request(['109.68']));
    expect(taxesOf(result)).toEqual(['7.95']);
    expect(result).toMatchObject({ lines: [{ taxStatus: 'Posted' }] });
  });

  it('rounds half away from zero to the minor unit of JPY and BHD', async () => {
    expect(taxesOf(await engine.estimate(request(['1505', '15'], currencyCode('JPY'), 'JP')))).toEqual([
      '151',
      '2',
    ]);
    expect(taxesOf(await engine.estimate(request(['1.255', '0.005'], currencyCode('BHD'), 'BH')))).toEqual([
      '0.126',
      '0.001',
    ]);
  });

  it('rounds a credit half away from zero too', () => {
    expect(formatMoney(lineTax(parseMoney('-0.50', usd), '0.05'))).toBe('-0.03');
  });

  it('fails the whole request when one line has no rate, never taxing it at zero', async () => {
    const missing = { ...request(['100.00']), billToAddress: { country: 'FR', region: null } };
    expect(await engine.estimate(missing)).toEqual({
      outcome: 'Failed',
      failure: {
        code: 'TAX.RATE_NOT_FOUND',
        message: 'No rate for tax code STANDARD in FR on 2026-03-01 (invoice invoice-1, line line-0)',
        retryable: false,
      },
    });
  });

  it('fails a request whose line currency differs from the invoice currency', async () => {
    const mixed = { ...request(['100.00']), currency: currencyCode('EUR') };
    expect(await engine.estimate(mixed)).toMatchObject({
      outcome: 'Failed',
      failure: { code: 'TAX.INVALID_REQUEST', retryable: false },
    });
  });

  it('fails a request with a line id twice', async () => {
    const twice = request(['1.00', '2.00']);
    const duplicate = { ...twice, lines: twice.lines.map((line) => ({ ...line, lineId: 'same' })) };
    expect(await engine.estimate(duplicate)).toMatchObject({ failure: { message: /same appears twice/ } });
  });

  it('taxes an empty request as no lines', async () => {
    expect(await engine.estimate(request([]))).toEqual({ outcome: 'Taxed', lines: [] });
  });

  it('refuses an invalid rate table when it is built', () => {
    expect(
      () =>
        new RateTableTaxEngine([
          {
            taxCode: 'STANDARD',
            country: 'US',
            region: null,
            rate: '7.25',
            effectiveFrom: calendarDate('2020-01-01'),
          },
        ]),
    ).toThrow(/above 1/);
  });
});
