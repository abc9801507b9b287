import {
  noExclusions,
  type CurrencyTotals,
  type FilteringCounts,
  type GenerationCounts,
  type InvoiceBatchRunRequest,
  type InvoiceBatchRunSummary,
} from '@invoice-engine/invoice-batch-runs';
import type { Row } from '@invoice-engine/read-models';
import { amountColumn, jsonColumn, nullableAmountColumn } from '../column-values';

/** Per currency `{invoiced, draft}` as decimal strings, the way the scenario output prints them. */
export function currencyTotalsJson(
  totals: CurrencyTotals,
): Record<string, { invoiced: string; draft: string }> {
  return Object.fromEntries(
    Object.entries(totals).map(([currency, total]) => [
      currency,
      { invoiced: amountColumn(total.invoiced), draft: amountColumn(total.draft) },
    ]),
  );
}

export function requestColumns(request: InvoiceBatchRunRequest): Row {
  return {
    status: 'Started',
    status_subtype: null,
    target_date: request.targetDate,
    invoice_date: request.invoiceDate,
    invoice_status: request.invoiceStatus,
    billing_period_count: request.billingPeriodCount,
    default_currency: request.defaultCurrency,
    criteria: jsonColumn(request.criteria),
    trigger_type: request.trigger.type,
    trigger: jsonColumn(request.trigger),
    requested_at: request.requestedAt,
    started_at: null,
    completed_at: null,
    filtering_started_at: null,
    filtering_completed_at: null,
    generation_started_at: null,
    generation_completed_at: null,
    summarization_started_at: null,
    billing_schedules_scanned: 0,
    total_filtered_billing_schedules: 0,
    total_billing_schedules_processed: 0,
    total_billing_schedules_failed: 0,
    groups_expected: 0,
    groups_completed: 0,
    groups_failed: 0,
    total_invoices_generated: 0,
    total_invoices_processed: 0,
    total_invoices_failed: 0,
    total_draft_invoices: 0,
    total_posted_invoices: 0,
    excluded_by_reason: jsonColumn(noExclusions()),
    total_invoiced_amount: null,
    total_draft_invoice_amount: null,
    currency: null,
    totals_by_currency: jsonColumn({}),
    canceled_by: null,
    cancel_reason: null,
  };
}

export function filteringColumns(counts: FilteringCounts): Row {
  return {
    billing_schedules_scanned: counts.billingSchedulesScanned,
    total_filtered_billing_schedules: counts.billingSchedulesSelected,
    excluded_by_reason: jsonColumn(counts.excludedByReason),
  };
}

export function generationColumns(counts: GenerationCounts): Row {
  return {
    groups_completed: counts.groupsCompleted,
    groups_failed: counts.groupsFailed,
    total_billing_schedules_processed: counts.billingSchedulesProcessed,
    total_billing_schedules_failed: counts.billingSchedulesFailed,
    total_invoices_generated: counts.invoicesGenerated,
    total_invoices_processed: counts.invoicesGenerated - counts.invoicesFailed,
    total_invoices_failed: counts.invoicesFailed,
    total_draft_invoices: counts.draftInvoices,
    total_posted_invoices: counts.postedInvoices,
    totals_by_currency: jsonColumn(currencyTotalsJson(counts.totalsByCurrency)),
  };
}

/**
 * The summary's columns. `currency` is the currency of the two single totals; null with them when
 * they are not reportable (several currencies, or one that is not the org's default).
 */
export function summaryColumns(summary: InvoiceBatchRunSummary): Row {
  return {
    total_filtered_billing_schedules: summary.totalFilteredBillingSchedules,
    total_billing_schedules_processed: summary.totalBillingSchedulesProcessed,
    total_billing_schedules_failed: summary.totalBillingSchedulesFailed,
    total_invoices_generated: summary.totalInvoicesGenerated,
    total_invoices_processed: summary.totalInvoicesProcessed,
    total_invoices_failed: summary.totalInvoicesFailed,
    total_draft_invoices: summary.totalDraftInvoices,
    total_posted_invoices: summary.totalPostedInvoices,
    excluded_by_reason: jsonColumn(summary.excludedByReason),
    total_invoiced_amount: nullableAmountColumn(summary.totalInvoicedAmount),
    total_draft_invoice_amount: nullableAmountColumn(summary.totalDraftInvoiceAmount),
    currency: summary.totalInvoicedAmount?.currency ?? summary.totalDraftInvoiceAmount?.currency ?? null,
    totals_by_currency: jsonColumn(currencyTotalsJson(summary.totalsByCurrency)),
  };
}

export function summaryJson(summary: InvoiceBatchRunSummary): Record<string, unknown> {
  return {
    ...summary,
    totalInvoicedAmount: nullableAmountColumn(summary.totalInvoicedAmount),
    totalDraftInvoiceAmount: nullableAmountColumn(summary.totalDraftInvoiceAmount),
    totalsByCurrency: currencyTotalsJson(summary.totalsByCurrency),
  };
}

export function generationCountsJson(counts: GenerationCounts): Record<string, unknown> {
  return { ...counts, totalsByCurrency: currencyTotalsJson(counts.totalsByCurrency) };
}
