import type { InvoiceCommand } from './invoice-commands';
import { decideAfter, errorCodeOf, historyOf, lifeOf, workedExampleInvoice } from './invoice-fixtures';

const invoice = workedExampleInvoice();
const life = lifeOf(invoice);
const drafted = historyOf([life.start, life.draft]);
const posting = historyOf([life.start, life.draft, life.startPosting]);
const posted = historyOf([life.start, life.draft, life.startPosting, life.post]);

describe('the invoice decider (at-least-once delivery)', () => {
  describe('when the same command arrives twice', () => {
    const cases: readonly [string, readonly InvoiceCommand[], InvoiceCommand][] = [
      ['StartInvoiceGeneration', [], life.start],
      ['RecordInvoiceDraft', [life.start], life.draft],
      ['StartInvoicePosting', [life.start, life.draft], life.startPosting],
      ['PostInvoice', [life.start, life.draft, life.startPosting], life.post],
      ['FailInvoiceGeneration', [life.start], life.fail],
      ['CancelInvoice', [life.start, life.draft], life.cancel],
    ];

    it.each(cases)('%s the second time produces no new events', (_name, before, command) => {
      const history = historyOf([...before, command]);
      expect(decideAfter(historyOf(before), command)).not.toEqual([]);
      expect(decideAfter(history, command)).toEqual([]);
    });

    it('a redelivered start after the invoice moved on is a no-op in every later status', () => {
      for (const history of [drafted, posting, posted]) expect(decideAfter(history, life.start)).toEqual([]);
    });

    it('a redelivered start with different content is a conflict', () => {
      const other = { ...invoice, dueDate: invoice.invoiceDate };
      expect(
        errorCodeOf(() => decideAfter(drafted, { type: 'StartInvoiceGeneration', invoice: other })),
      ).toBe('INVOICE.CONFLICTING_CONTENT');
    });

    it('the same invoice read back with its keys in another order is still the same', () => {
      const reversed = <T extends object>(value: T): T =>
        Object.fromEntries(Object.entries(value).reverse()) as T;
      const roundTripped = reversed({
        ...invoice,
        lines: invoice.lines.map(reversed),
        subtotal: reversed(invoice.subtotal),
      });
      expect(Object.keys(roundTripped)[0]).toBe('subtotal');
      expect(decideAfter(drafted, { type: 'StartInvoiceGeneration', invoice: roundTripped })).toEqual([]);
    });
  });
});
