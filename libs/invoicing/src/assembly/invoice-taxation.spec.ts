import { currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import { lineTax, type TaxedLine } from '@invoice-engine/tax';
import { errorCodeOf, line, workedExampleGroup } from '../invoice/invoice-fixtures';
import { assembleInvoices } from './invoice-assembly';
import { applyLineTaxes, invoiceTotals, taxRequestOf } from './invoice-taxation';

function invoiceIn(currencyText: string, charges: readonly string[]) {
  const currency = currencyCode(currencyText);
  const lines = charges.map((charge, index) =>
    line(`BS-${index}`, '2026-02-01', '2026-02-28', charge, currency),
  );
  const [invoice] = assembleInvoices(workedExampleGroup({ currency, lines }));
  if (invoice === undefined) throw new Error('one invoice expected');
  return invoice;
}

function taxesAt(invoice: ReturnType<typeof invoiceIn>, rate: string): TaxedLine[] {
  return invoice.lines.map((invoiceLine) => ({
    lineId: invoiceLine.lineId,
    taxAmount: lineTax(invoiceLine.chargeAmount, rate),
    rate,
    taxCode: invoiceLine.taxCode,
    taxStatus: 'Estimated',
  }));
}

function totalsOf(invoice: ReturnType<typeof invoiceIn>, taxes: readonly TaxedLine[]): string[] {
  const lines = applyLineTaxes(invoice.invoiceId, invoice.lines, taxes, 'Estimated');
  const totals = invoiceTotals(lines, invoice.currency);
  return [totals.subtotal, totals.taxTotal, totals.total].map(formatMoney);
}

describe('taxing an invoice', () => {
  it('asks the engine for one line per invoice line, with the invoice date, currency and bill-to address', () => {
    const invoice = invoiceIn('USD', ['109.68', '200.00']);
    expect(taxRequestOf(invoice)).toEqual({
      invoiceId: invoice.invoiceId,
      invoiceDate: '2026-03-01',
      currency: 'USD',
      billToAddress: { country: 'US', region: 'CA' },
      lines: invoice.lines.map((invoiceLine) => ({
        lineId: invoiceLine.lineId,
        taxCode: 'STANDARD',
        chargeAmount: invoiceLine.chargeAmount,
      })),
    });
  });

  it('totals JPY in whole yen: 10 % of 1505 + 15 is 151 + 2', () => {
    const invoice = invoiceIn('JPY', ['1505', '15']);
    expect(totalsOf(invoice, taxesAt(invoice, '0.10'))).toEqual(['1520', '153', '1673']);
  });

  it('totals BHD in fils: 10 % of 1.255 + 0.005 is 0.126 + 0.001', () => {
    const invoice = invoiceIn('BHD', ['1.255', '0.005']);
    expect(totalsOf(invoice, taxesAt(invoice, '0.10'))).toEqual(['1.260', '0.127', '1.387']);
  });

  it('keeps the rate and status of each line', () => {
    const invoice = invoiceIn('USD', ['100.00']);
    const [taxedLine] = applyLineTaxes(
      invoice.invoiceId,
      invoice.lines,
      taxesAt(invoice, '0.0725'),
      'Estimated',
    );
    expect(taxedLine).toMatchObject({
      taxRate: '0.0725',
      taxStatus: 'Estimated',
      taxAmount: parseMoney('7.25', invoice.currency),
    });
  });

  describe('when the engine answer does not match the lines', () => {
    const invoice = invoiceIn('USD', ['1.00', '2.00']);
    const taxes = taxesAt(invoice, '0.05');
    const apply = (answer: readonly TaxedLine[]) => () =>
      applyLineTaxes(invoice.invoiceId, invoice.lines, answer, 'Estimated');

    it.each([
      ['a line missing', taxes.slice(1)],
      ['an extra line', [...taxes, { ...taxes[0]!, lineId: 'extra' }]],
      ['a line twice', [taxes[0]!, taxes[0]!]],
      ['an unknown line id', [taxes[0]!, { ...taxes[1]!, lineId: 'unknown' }]],
      ['another tax code', [taxes[0]!, { ...taxes[1]!, taxCode: 'REDUCED' }]],
      ['another currency', [taxes[0]!, { ...taxes[1]!, taxAmount: parseMoney('0.10', currencyCode('EUR')) }]],
      ['posted tax on a draft', [taxes[0]!, { ...taxes[1]!, taxStatus: 'Posted' as const }]],
    ])('refuses %s', (_case, answer) => {
      expect(errorCodeOf(apply(answer))).toBe('INVOICE.TAX_LINES_MISMATCH');
    });
  });
});
