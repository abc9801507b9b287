import type { CalendarDate } from '@invoice-engine/kernel';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { TaxedInvoiceLine } from '../assembly/invoice-line';
import type { InvoiceTotals } from '../assembly/invoice-taxation';
import type { InvoiceFailureCause } from './invoice-events';

/**
 * The state of one `invoice-<id>` stream.
 * - Pending: nothing recorded yet (the id is known from run + grouping key + chunk).
 * - DraftInProgress: lines recorded, estimated tax awaited.
 * - Draft: lines carry estimated tax; the invoice holds its periods until posted or canceled.
 * - PostingInProgress: actual tax and a number awaited.
 * - Posted: final, numbered; never canceled.
 * - Error: the group failed; its periods are not invoiced. `invoice` is null when it failed before
 *   its lines were recorded.
 * - Canceled: recovered; its periods were released.
 */
export type InvoiceState =
  | { readonly status: 'Pending' }
  | { readonly status: 'DraftInProgress'; readonly invoice: AssembledInvoice }
  | {
      readonly status: 'Draft';
      readonly invoice: AssembledInvoice;
      readonly lines: readonly TaxedInvoiceLine[];
      readonly totals: InvoiceTotals;
    }
  | {
      readonly status: 'PostingInProgress';
      readonly invoice: AssembledInvoice;
      readonly lines: readonly TaxedInvoiceLine[];
      readonly totals: InvoiceTotals;
    }
  | {
      readonly status: 'Posted';
      readonly invoice: AssembledInvoice;
      readonly lines: readonly TaxedInvoiceLine[];
      readonly totals: InvoiceTotals;
      readonly invoiceNumber: string;
      readonly postedDate: CalendarDate;
    }
  | {
      readonly status: 'Error';
      readonly invoiceId: string;
      readonly runId: string;
      readonly invoice: AssembledInvoice | null;
      readonly cause: InvoiceFailureCause;
    }
  | {
      readonly status: 'Canceled';
      readonly invoiceId: string;
      readonly runId: string;
      readonly reason: string;
    };

export type InvoiceStatus = InvoiceState['status'];

export const InvoiceStatus = {
  Pending: 'Pending',
  DraftInProgress: 'DraftInProgress',
  Draft: 'Draft',
  PostingInProgress: 'PostingInProgress',
  Posted: 'Posted',
  Error: 'Error',
  Canceled: 'Canceled',
} as const satisfies Record<InvoiceStatus, InvoiceStatus>;

export function initialInvoiceState(): InvoiceState {
  return { status: 'Pending' };
}
