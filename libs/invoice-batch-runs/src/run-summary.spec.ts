import { money, zeroMoney } from '@invoice-engine/kernel';
import { EUR, failedGroup, filteringCounts, progressOf, succeededGroup, USD } from './run-examples';
import type { GroupOutcome } from './group-outcome';
import { summarizeRun } from './run-summary';

function summaryOf(outcomes: readonly GroupOutcome[]) {
  return summarizeRun(filteringCounts(outcomes.length, { NotDue: 1 }), progressOf(outcomes).counts, USD);
}

describe('a run whose invoices are all in the default currency', () => {
  const summary = summaryOf([
    succeededGroup('A', { subtotal: 50968n, tax: 3695n }),
    succeededGroup('B', { subtotal: 20000n, tax: 1450n, status: 'Posted' }),
    failedGroup('C'),
  ]);

  it('reports the invoiced total with tax of successful invoices and the draft part of it', () => {
    expect(summary.totalInvoicedAmount).toEqual(money(76113n, USD));
    expect(summary.totalDraftInvoiceAmount).toEqual(money(54663n, USD));
    expect(summary.totalsByCurrency).toEqual({
      USD: { invoiced: money(76113n, USD), draft: money(54663n, USD) },
    });
  });

  it('counts Error invoices as generated and failed, the others as processed', () => {
    expect(summary).toMatchObject({
      totalFilteredBillingSchedules: 3,
      totalInvoicesGenerated: 3,
      totalInvoicesProcessed: 2,
      totalInvoicesFailed: 1,
      totalDraftInvoices: 1,
      totalPostedInvoices: 1,
      excludedByReason: { NotDue: 1, InvoicingDisabled: 0 },
    });
  });
});

describe('a run whose invoices span several currencies', () => {
  const summary = summaryOf([
    succeededGroup('A', { subtotal: 10000n, tax: 0n }),
    succeededGroup('B', { currency: EUR, subtotal: 9000n, tax: 1710n }),
  ]);

  it('reports no single totals, only totals per currency', () => {
    expect(summary.totalInvoicedAmount).toBeNull();
    expect(summary.totalDraftInvoiceAmount).toBeNull();
    expect(summary.totalsByCurrency).toEqual({
      EUR: { invoiced: money(10710n, EUR), draft: money(10710n, EUR) },
      USD: { invoiced: money(10000n, USD), draft: money(10000n, USD) },
    });
  });
});

describe('a run whose only currency is not the default', () => {
  it('reports no single totals', () => {
    const summary = summaryOf([succeededGroup('A', { currency: EUR })]);
    expect([summary.totalInvoicedAmount, summary.totalDraftInvoiceAmount]).toEqual([null, null]);
  });
});

describe('a run without a successful invoice', () => {
  it('reports zero in the default currency when nothing was invoiced', () => {
    const summary = summaryOf([]);
    expect([summary.totalInvoicedAmount, summary.totalDraftInvoiceAmount]).toEqual([
      zeroMoney(USD),
      zeroMoney(USD),
    ]);
  });

  it('reports zero in the default currency when every invoice is in Error', () => {
    const summary = summaryOf([failedGroup('A')]);
    expect(summary.totalInvoicedAmount).toEqual(zeroMoney(USD));
    expect(summary.totalInvoicesFailed).toBe(1);
  });
});
