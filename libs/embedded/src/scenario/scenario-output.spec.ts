import { describe, expect, it } from '@jest/globals';
import { noExclusions, type InvoiceBatchRunSummary } from '@invoice-engine/invoice-batch-runs';
import { currencyCode, money } from '@invoice-engine/kernel';
import { summaryOutput } from './scenario-output';

const usd = currencyCode('USD');
const jpy = currencyCode('JPY');

function summary(overrides: Partial<InvoiceBatchRunSummary>): InvoiceBatchRunSummary {
  return {
    totalFilteredBillingSchedules: 3,
    totalBillingSchedulesProcessed: 3,
    totalBillingSchedulesFailed: 0,
    totalInvoicesGenerated: 2,
    totalInvoicesProcessed: 2,
    totalInvoicesFailed: 0,
    totalDraftInvoices: 2,
    totalPostedInvoices: 0,
    totalInvoicedAmount: money(54663n, usd),
    totalDraftInvoiceAmount: money(54663n, usd),
    excludedByReason: { ...noExclusions(), OnHold: 2 },
    totalsByCurrency: { USD: { invoiced: money(54663n, usd), draft: money(54663n, usd) } },
    ...overrides,
  };
}

describe('the printed summary', () => {
  it('prints amounts with the currency minor digits and every reason in table order', () => {
    const printed = summaryOutput(summary({}));
    expect(printed.totalInvoicedAmount).toBe('546.63');
    expect(Object.keys(printed.excludedByReason)).toEqual([
      'InvoicingDisabled',
      'NotActivated',
      'OnHold',
      'MissingUnitPrice',
      'MissingStartDate',
      'NoPendingAmount',
      'MissingNextBillingDate',
      'NotPendingBilling',
      'Cancelled',
      'Suspended',
      'NotDue',
    ]);
    expect(printed.excludedByReason.OnHold).toBe(2);
  });

  it('keeps the null single totals and sorts the currencies', () => {
    const printed = summaryOutput(
      summary({
        totalInvoicedAmount: null,
        totalDraftInvoiceAmount: null,
        totalsByCurrency: {
          USD: { invoiced: money(54663n, usd), draft: money(0n, usd) },
          JPY: { invoiced: money(1650n, jpy), draft: money(1650n, jpy) },
        },
      }),
    );
    expect(printed.totalInvoicedAmount).toBeNull();
    expect(printed.totalDraftInvoiceAmount).toBeNull();
    expect(printed.totalsByCurrency).toEqual({
      JPY: { invoiced: '1650', draft: '1650' },
      USD: { invoiced: '546.63', draft: '0.00' },
    });
    expect(Object.keys(printed.totalsByCurrency)).toEqual(['JPY', 'USD']);
  });
});
