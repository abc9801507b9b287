import { calendarDate, foldEvents, formatMoney } from '@invoice-engine/kernel';
import { RateTableTaxEngine, type TaxResult } from '@invoice-engine/tax';
import { invoiceDecider } from '../invoice/invoice-decider';
import type { InvoiceEvent } from '../invoice/invoice-events';
import { workedExampleGroup } from '../invoice/invoice-fixtures';
import { assembleInvoices } from './invoice-assembly';
import { taxRequestOf } from './invoice-taxation';

const engine = new RateTableTaxEngine([
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
]);

function taxesOf(result: TaxResult) {
  if (result.outcome === 'Failed') throw new Error(result.failure.message);
  return result.lines;
}

describe('worked example 1 (DOMAIN.md section 5) from lines to a posted invoice', () => {
  it('drafts with estimated tax 36.95 and posts with the same actual tax: total 546.63', async () => {
    const [invoice] = assembleInvoices(workedExampleGroup());
    if (invoice === undefined) throw new Error('one invoice expected');
    const history: InvoiceEvent[] = [];
    const handle = (command: Parameters<typeof invoiceDecider.decide>[0]) =>
      history.push(...invoiceDecider.decide(command, foldEvents(invoiceDecider, history)));

    handle({ type: 'StartInvoiceGeneration', invoice });
    const estimate = taxesOf(await engine.estimate(taxRequestOf(invoice)));
    handle({ type: 'RecordInvoiceDraft', invoiceId: invoice.invoiceId, lineTaxes: estimate });
    const draft = foldEvents(invoiceDecider, history);
    if (draft.status !== 'Draft') throw new Error(`expected a draft, got ${draft.status}`);
    expect(
      draft.lines.map((line) => [
        formatMoney(line.chargeAmount),
        formatMoney(line.taxAmount),
        line.taxStatus,
      ]),
    ).toEqual([
      ['109.68', '7.95', 'Estimated'],
      ['200.00', '14.50', 'Estimated'],
      ['200.00', '14.50', 'Estimated'],
    ]);
    expect([draft.totals.subtotal, draft.totals.taxTotal, draft.totals.total].map(formatMoney)).toEqual([
      '509.68',
      '36.95',
      '546.63',
    ]);

    handle({ type: 'StartInvoicePosting', invoiceId: invoice.invoiceId });
    const actual = taxesOf(await engine.calculateAndCommit(taxRequestOf(invoice)));
    const post = { invoiceNumber: 'INV-1', postedDate: calendarDate('2026-03-01'), lineTaxes: actual };
    handle({ type: 'PostInvoice', invoiceId: invoice.invoiceId, ...post });
    const posted = foldEvents(invoiceDecider, history);
    if (posted.status !== 'Posted') throw new Error(`expected a posted invoice, got ${posted.status}`);
    expect(posted.lines.map((line) => line.taxStatus)).toEqual(['Posted', 'Posted', 'Posted']);
    expect(formatMoney(posted.totals.total)).toBe('546.63');
    expect(history.map((event) => event.type)).toEqual([
      'InvoiceDraftingStarted',
      'InvoiceDrafted',
      'InvoicePostingStarted',
      'InvoicePosted',
    ]);
  });

  it('fails the group when the bill-to country has no rate, and the invoice goes to Error', async () => {
    const [invoice] = assembleInvoices(
      workedExampleGroup({ billToAddress: { country: 'FR', region: null } }),
    );
    if (invoice === undefined) throw new Error('one invoice expected');
    const result = await engine.estimate(taxRequestOf(invoice));
    if (result.outcome !== 'Failed') throw new Error('expected a failure');
    const started = invoiceDecider.decide(
      { type: 'StartInvoiceGeneration', invoice },
      invoiceDecider.initialState(),
    );
    const failed = invoiceDecider.decide(
      {
        type: 'FailInvoiceGeneration',
        invoiceId: invoice.invoiceId,
        runId: invoice.runId,
        groupingKey: invoice.groupingKey,
        billingScheduleIds: [],
        cause: { category: 'TaxCalculation', code: result.failure.code, message: result.failure.message },
      },
      foldEvents(invoiceDecider, started),
    );
    expect(foldEvents(invoiceDecider, [...started, ...failed])).toMatchObject({
      status: 'Error',
      cause: { code: 'TAX.RATE_NOT_FOUND' },
    });
  });
});
