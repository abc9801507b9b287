import type { CurrencyCode, Money } from '@invoice-engine/kernel';
import { singleCurrencyTotals, sortedCurrencyTotals, type CurrencyTotals } from './currency-totals';
import type { ExcludedByReason } from './exclusion-reason';
import type { FilteringCounts } from './filtering-counts';
import type { GenerationCounts } from './run-progress';

/** The summary of an invoice batch run (DOMAIN.md section 6). */
export interface InvoiceBatchRunSummary {
  /** Selected schedules: due and eligible. */
  readonly totalFilteredBillingSchedules: number;
  readonly totalBillingSchedulesProcessed: number;
  readonly totalBillingSchedulesFailed: number;
  /** Every invoice written, Error ones included. */
  readonly totalInvoicesGenerated: number;
  /** Invoices not in Error. */
  readonly totalInvoicesProcessed: number;
  readonly totalInvoicesFailed: number;
  readonly totalDraftInvoices: number;
  readonly totalPostedInvoices: number;
  /** Successful invoices with tax; null when they span several currencies or one that is not the default. */
  readonly totalInvoicedAmount: Money | null;
  readonly totalDraftInvoiceAmount: Money | null;
  readonly excludedByReason: ExcludedByReason;
  readonly totalsByCurrency: CurrencyTotals;
}

export function summarizeRun(
  filtering: FilteringCounts,
  generation: GenerationCounts,
  defaultCurrency: CurrencyCode,
): InvoiceBatchRunSummary {
  const single = singleCurrencyTotals(generation.totalsByCurrency, defaultCurrency);
  return {
    totalFilteredBillingSchedules: filtering.billingSchedulesSelected,
    totalBillingSchedulesProcessed: generation.billingSchedulesProcessed,
    totalBillingSchedulesFailed: generation.billingSchedulesFailed,
    totalInvoicesGenerated: generation.invoicesGenerated,
    totalInvoicesProcessed: generation.invoicesGenerated - generation.invoicesFailed,
    totalInvoicesFailed: generation.invoicesFailed,
    totalDraftInvoices: generation.draftInvoices,
    totalPostedInvoices: generation.postedInvoices,
    totalInvoicedAmount: single.totalInvoicedAmount,
    totalDraftInvoiceAmount: single.totalDraftInvoiceAmount,
    excludedByReason: filtering.excludedByReason,
    totalsByCurrency: sortedCurrencyTotals(generation.totalsByCurrency),
  };
}
