import type { UsageSummary, UsageSummaryDeciderState } from './usage-summary';

export type InvoiceableUsageSummary = Extract<UsageSummary, { readonly status: 'QueuedForInvoice' }>;

/**
 * Whether a run may bill the summary: only QueuedForInvoice (usage recorded, calculations done). New
 * holds no usage and is never invoiced; one queued for a calculation has no final amount yet;
 * Processed and Cancelled are done. Not used by eligibility yet: Usage schedules stay excluded
 * (`NoPendingAmount`) until pricing usage is built.
 */
export function isUsageSummaryInvoiceable(
  summary: UsageSummaryDeciderState,
): summary is InvoiceableUsageSummary {
  return summary.status === 'QueuedForInvoice';
}
