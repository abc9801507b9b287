import { currencyCode, deterministicId, formatMoney } from '@invoice-engine/kernel';
import { errorCodeOf, line, workedExampleGroup } from '../invoice/invoice-fixtures';
import { assembleInvoices, invoiceIdOf } from './invoice-assembly';

function periodsOf(lines: readonly { billingScheduleId: string; periodStart: string }[]): string[] {
  return lines.map((invoiceLine) => `${invoiceLine.billingScheduleId}@${invoiceLine.periodStart}`);
}

describe('assembling the invoices of a group', () => {
  describe('when the group fits on one invoice', () => {
    const [invoice, ...others] = assembleInvoices(workedExampleGroup());

    it('makes one invoice with the lines ordered by period start', () => {
      expect(others).toEqual([]);
      expect(periodsOf(invoice?.lines ?? [])).toEqual([
        'BS-1@2026-01-15',
        'BS-1@2026-02-01',
        'BS-1@2026-03-01',
      ]);
    });

    it('sums the lines into the subtotal', () => {
      expect(formatMoney(invoice!.subtotal)).toBe('509.68');
    });

    it('dates it from the run and is due after the payment term', () => {
      expect(invoice).toMatchObject({
        invoiceDate: '2026-03-01',
        dueDate: '2026-03-31',
        chunkIndex: 0,
        chunkCount: 1,
      });
    });

    it('derives the invoice id from run, grouping key and chunk, and line ids from invoice and period', () => {
      const group = workedExampleGroup();
      expect(invoice?.invoiceId).toBe(deterministicId('run-1', group.groupingKey, '0'));
      expect(invoice?.lines[0]?.lineId).toBe(deterministicId(invoice!.invoiceId, 'BS-1', '2026-01-15'));
      expect(assembleInvoices(group)).toEqual(assembleInvoices(group));
    });

    it('gives another run or another group other invoice ids', () => {
      const ids = new Set([
        invoiceIdOf('run-1', 'key-a', 0),
        invoiceIdOf('run-2', 'key-a', 0),
        invoiceIdOf('run-1', 'key-b', 0),
        invoiceIdOf('run-1', 'key-a', 1),
      ]);
      expect(ids.size).toBe(4);
    });
  });

  describe('when the group has more lines than an invoice may hold', () => {
    const lines = [
      line('BS-2', '2026-02-01', '2026-02-28', '2.00'),
      line('BS-1', '2026-02-01', '2026-02-28', '1.00'),
      line('BS-3', '2026-01-01', '2026-01-31', '5.00'),
      line('BS-1', '2026-01-01', '2026-01-31', '3.00'),
      line('BS-2', '2026-01-01', '2026-01-31', '4.00'),
    ];
    const invoices = assembleInvoices(workedExampleGroup({ lines }), 2);

    it('splits 5 lines at a limit of 2 into 3 invoices, keeping the order across them', () => {
      expect(invoices.map((invoice) => periodsOf(invoice.lines))).toEqual([
        ['BS-1@2026-01-01', 'BS-1@2026-02-01'],
        ['BS-2@2026-01-01', 'BS-2@2026-02-01'],
        ['BS-3@2026-01-01'],
      ]);
    });

    it('numbers the chunks and gives each its own id and subtotal', () => {
      expect(invoices.map((invoice) => [invoice.chunkIndex, invoice.chunkCount])).toEqual([
        [0, 3],
        [1, 3],
        [2, 3],
      ]);
      expect(new Set(invoices.map((invoice) => invoice.invoiceId)).size).toBe(3);
      expect(invoices.map((invoice) => formatMoney(invoice.subtotal))).toEqual(['4.00', '6.00', '5.00']);
    });

    it('does not split a group of exactly the limit', () => {
      expect(assembleInvoices(workedExampleGroup({ lines: lines.slice(0, 2) }), 2)).toHaveLength(1);
    });

    it('allows 2,000 lines per invoice by default', () => {
      const many = Array.from({ length: 2001 }, (_, index) =>
        line(`BS-${String(index).padStart(4, '0')}`, '2026-01-01', '2026-01-31', '1.00'),
      );
      expect(
        assembleInvoices(workedExampleGroup({ lines: many })).map((invoice) => invoice.lines.length),
      ).toEqual([2000, 1]);
    });
  });

  describe('when amounts are in currencies with 0 or 3 minor digits', () => {
    it('sums JPY lines in whole yen', () => {
      const jpy = currencyCode('JPY');
      const lines = [
        line('BS-1', '2026-01-15', '2026-01-31', '548', jpy),
        line('BS-1', '2026-02-01', '2026-02-28', '1000', jpy),
      ];
      const [invoice] = assembleInvoices(workedExampleGroup({ currency: jpy, lines }));
      expect(formatMoney(invoice!.subtotal)).toBe('1548');
    });

    it('sums BHD lines in fils', () => {
      const bhd = currencyCode('BHD');
      const lines = [
        line('BS-1', '2026-01-15', '2026-01-31', '10.968', bhd),
        line('BS-1', '2026-02-01', '2026-02-28', '20.001', bhd),
      ];
      const [invoice] = assembleInvoices(workedExampleGroup({ currency: bhd, lines }));
      expect(formatMoney(invoice!.subtotal)).toBe('30.969');
    });
  });

  describe('when the group cannot make a valid invoice', () => {
    it('fails without a payment term, or with a negative or fractional due-day count', () => {
      expect(errorCodeOf(() => assembleInvoices(workedExampleGroup({ paymentTerm: null })))).toBe(
        'INVOICE.MISSING_PAYMENT_TERM',
      );
      for (const dueDays of [-1, 1.5]) {
        expect(
          errorCodeOf(() => assembleInvoices(workedExampleGroup({ paymentTerm: { id: 'X', dueDays } }))),
        ).toBe('INVOICE.INVALID_PAYMENT_TERM');
      }
    });

    it('fails with a line in another currency', () => {
      const lines = [line('BS-1', '2026-01-01', '2026-01-31', '1.00', currencyCode('EUR'))];
      expect(errorCodeOf(() => assembleInvoices(workedExampleGroup({ lines })))).toBe(
        'INVOICE.CURRENCY_MISMATCH',
      );
    });

    it('fails with the same period of a schedule twice, a period ending before it starts, or no lines', () => {
      const twice = [
        line('BS-1', '2026-01-01', '2026-01-31', '1.00'),
        line('BS-1', '2026-01-01', '2026-01-31', '1.00'),
      ];
      expect(errorCodeOf(() => assembleInvoices(workedExampleGroup({ lines: twice })))).toBe(
        'INVOICE.DUPLICATE_LINE',
      );
      const backwards = [line('BS-1', '2026-01-31', '2026-01-01', '1.00')];
      expect(errorCodeOf(() => assembleInvoices(workedExampleGroup({ lines: backwards })))).toBe(
        'INVOICE.INVALID_PERIOD',
      );
      expect(errorCodeOf(() => assembleInvoices(workedExampleGroup({ lines: [] })))).toBe('INVOICE.NO_LINES');
    });

    it('refuses a line limit that is not a positive whole number', () => {
      for (const limit of [0, -2, 1.5]) {
        expect(errorCodeOf(() => assembleInvoices(workedExampleGroup(), limit))).toBe(
          'INVOICE.INVALID_LINE_LIMIT',
        );
      }
    });
  });
});
