import { describe, expect, it } from '@jest/globals';
import { calendarDate, currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPaymentTermsFile } from './payment-terms-file';
import { createTaxEngine, readTaxRatesFile } from './tax-engine-settings';

const root = join(__dirname, '../../../..');

function fileWith(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'generation-config-')), 'file.json');
  writeFileSync(path, content);
  return path;
}

describe('the configuration files of the services', () => {
  it('the example rate table taxes US/CA, CA, DE and JP, the latest JP rate in force', async () => {
    const engine = createTaxEngine({
      kind: 'rate-table',
      ratesFile: join(root, 'apps/tax/tax-rates.example.json'),
    });
    const taxOf = async (country: string, region: string | null, currency: string, amount: string) => {
      const code = currencyCode(currency);
      const result = await engine.estimate({
        invoiceId: 'invoice-1',
        invoiceDate: calendarDate('2026-03-01'),
        currency: code,
        billToAddress: { country, region },
        lines: [{ lineId: 'line-1', taxCode: 'SW-STD', chargeAmount: parseMoney(amount, code) }],
      });
      if (result.outcome === 'Failed') throw new Error(result.failure.message);
      return result.lines.map((line) => formatMoney(line.taxAmount))[0];
    };
    expect(await taxOf('US', 'CA', 'USD', '109.68')).toBe('7.95');
    expect(await taxOf('CA', 'ON', 'CAD', '100.00')).toBe('13.00');
    expect(await taxOf('DE', null, 'EUR', '100.00')).toBe('19.00');
    expect(await taxOf('JP', null, 'JPY', '1500')).toBe('150');
  });

  it('the example payment terms name net-30', () => {
    const terms = readPaymentTermsFile(join(root, 'apps/invoice-generation/payment-terms.example.json'));
    expect(terms).toContainEqual({ id: 'net-30', dueDays: 30 });
  });

  it('names the file and the entry of a bad rate or payment term', () => {
    expect(() => readTaxRatesFile(fileWith('[{"taxCode": "X", "country": "US", "region": 5}]'))).toThrow(
      /tax rate #0: "region" must be a string or null/,
    );
    expect(() => readPaymentTermsFile(fileWith('[{"id": "net-x", "dueDays": -1}]'))).toThrow(
      /payment term #0/,
    );
    expect(() => readTaxRatesFile(fileWith('{"rates": []}'))).toThrow(/must hold a JSON array of tax rates/);
  });
});
