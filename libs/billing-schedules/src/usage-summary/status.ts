import type { InvoiceRunProcessingStatus } from '../state';

/** DOMAIN.md section 1: the statuses of a usage summary (managed-package vocabulary). */
export type UsageSummaryStatus =
  | 'New'
  | 'QueuedForGroupCalculation'
  | 'QueuedForSubtotalCalculation'
  | 'QueuedForInvoice'
  | 'Processed'
  | 'Cancelled';

/**
 * The one invoice-run processing status each summary status pairs with. New holds no usage and is
 * never invoiced, and a cancelled summary never will be: WillNotInvoice. Usage waiting for a
 * calculation or an invoice is PendingBilling (only QueuedForInvoice is invoiceable). Processed is
 * Completed. InProgress and Error never occur: a summary has no Processing or Error status.
 */
export const INVOICE_RUN_PROCESSING_STATUS_OF = {
  New: 'WillNotInvoice',
  QueuedForGroupCalculation: 'PendingBilling',
  QueuedForSubtotalCalculation: 'PendingBilling',
  QueuedForInvoice: 'PendingBilling',
  Processed: 'Completed',
  Cancelled: 'WillNotInvoice',
} as const satisfies Record<UsageSummaryStatus, InvoiceRunProcessingStatus>;

/** A status with its paired invoice-run processing status: the only combinations a summary can be in. */
export type UsageSummaryStatusPair = {
  readonly [S in UsageSummaryStatus]: {
    readonly status: S;
    readonly invoiceRunProcessingStatus: (typeof INVOICE_RUN_PROCESSING_STATUS_OF)[S];
  };
}[UsageSummaryStatus];

export type UsageSummaryStatusPairOf<S extends UsageSummaryStatus> = Extract<
  UsageSummaryStatusPair,
  { readonly status: S }
>;

export function usageSummaryStatusPair<S extends UsageSummaryStatus>(status: S): UsageSummaryStatusPairOf<S> {
  return {
    status,
    invoiceRunProcessingStatus: INVOICE_RUN_PROCESSING_STATUS_OF[status],
  } as UsageSummaryStatusPairOf<S>;
}

/** Whether two status fields, as read from anywhere (a row, a payload), form a pair section 1 allows. */
export function isValidUsageSummaryStatusPair(pair: {
  readonly status: string;
  readonly invoiceRunProcessingStatus: string;
}): boolean {
  return (
    Object.hasOwn(INVOICE_RUN_PROCESSING_STATUS_OF, pair.status) &&
    INVOICE_RUN_PROCESSING_STATUS_OF[pair.status as UsageSummaryStatus] === pair.invoiceRunProcessingStatus
  );
}
