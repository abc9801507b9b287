import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  currencyCode,
  ExactDecimal,
  minorUnitDigits,
  money,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import { lineTax, type TaxedLine } from '@invoice-engine/tax';
import { workedExampleGroup } from '../invoice/invoice-fixtures';
import { assembleInvoices } from './invoice-assembly';
import type { InvoiceLineCandidate } from './invoice-line';
import { applyLineTaxes, invoiceTotals } from './invoice-taxation';

const currency = fc.constantFrom('USD', 'JPY', 'BHD', 'EUR').map(currencyCode);
/** A rate from 0 to 0.3 with up to five decimals, as a decimal string. */
const rate = fc
  .integer({ min: 0, max: 30_000 })
  .map((hundredThousandths) => new ExactDecimal(hundredThousandths).div(100_000).toFixed());

/** Random lines of one currency; each line is its own period (a period is billed once), in random schedules. */
function linesIn(currencyOfGroup: CurrencyCode) {
  const drawnLine = fc.record({
    minorUnits: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 11n }),
    rate,
    schedule: fc.integer({ min: 0, max: 5 }),
  });
  return fc.array(drawnLine, { minLength: 1, maxLength: 30 }).map((drawn) =>
    drawn.map(({ minorUnits, rate: lineRate, schedule }, index): InvoiceLineCandidate & { rate: string } => {
      const periodStart = addDays(calendarDate('2026-01-01'), index);
      return {
        billingScheduleId: `BS-${schedule}`,
        periodStart,
        periodEnd: periodStart,
        quantity: '1',
        unitPrice: '1',
        chargeAmount: money(minorUnits, currencyOfGroup),
        taxCode: `CODE-${index}`,
        rate: lineRate,
      };
    }),
  );
}

const group = currency.chain((groupCurrency) =>
  fc.record({
    currency: fc.constant(groupCurrency),
    lines: linesIn(groupCurrency),
    limit: fc.integer({ min: 1, max: 7 }),
  }),
);

describe('invoice total properties', () => {
  it('(d) sum of lines = subtotal, sum of line taxes = tax total, total = both, across all chunks', () => {
    fc.assert(
      fc.property(group, ({ lines, currency: groupCurrency, limit }) => {
        const rateOfTaxCode = new Map(lines.map((line) => [line.taxCode, line.rate]));
        const invoices = assembleInvoices(workedExampleGroup({ currency: groupCurrency, lines }), limit);
        let allCharges = 0n;
        for (const invoice of invoices) {
          const taxes: TaxedLine[] = invoice.lines.map((line) => ({
            lineId: line.lineId,
            taxAmount: lineTax(line.chargeAmount, rateOfTaxCode.get(line.taxCode) ?? 'missing'),
            rate: rateOfTaxCode.get(line.taxCode) ?? 'missing',
            taxCode: line.taxCode,
            taxStatus: 'Estimated',
          }));
          const taxedLines = applyLineTaxes(invoice.invoiceId, invoice.lines, taxes, 'Estimated');
          const totals = invoiceTotals(taxedLines, groupCurrency);
          const charges = invoice.lines.reduce((sum, line) => sum + line.chargeAmount.minorUnits, 0n);
          const lineTaxes = taxes.reduce((sum, tax) => sum + tax.taxAmount.minorUnits, 0n);
          expect(invoice.lines.length).toBeLessThanOrEqual(limit);
          expect(totals.subtotal.minorUnits).toBe(charges);
          expect(invoice.subtotal.minorUnits).toBe(charges);
          expect(totals.taxTotal.minorUnits).toBe(lineTaxes);
          expect(totals.total.minorUnits).toBe(charges + lineTaxes);
          allCharges += charges;
        }
        expect(allCharges).toBe(lines.reduce((sum, line) => sum + line.chargeAmount.minorUnits, 0n));
        expect(invoices.flatMap((invoice) => invoice.lines).length).toBe(lines.length);
      }),
      { numRuns: 200 },
    );
  });

  it('each line tax is within half a minor unit of charge × rate', () => {
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        rate,
        (lineCurrency, minorUnits, lineRate) => {
          const tax = lineTax(money(minorUnits, lineCurrency), lineRate);
          const exact = new ExactDecimal(minorUnits.toString()).mul(lineRate);
          const error = new ExactDecimal(tax.minorUnits.toString()).minus(exact).abs();
          expect(error.lessThanOrEqualTo(0.5)).toBe(true);
          expect(minorUnitDigits(tax.currency)).toBe(minorUnitDigits(lineCurrency));
        },
      ),
      { numRuns: 300 },
    );
  });
});
