import type { CalendarDate } from '@invoice-engine/kernel';
import type { TaxedLine } from '@invoice-engine/tax';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { InvoiceFailureCause } from './invoice-events';

/** Records an assembled invoice (lines, no tax yet) and starts drafting it: tax estimation follows. */
export interface StartInvoiceGeneration {
  readonly type: 'StartInvoiceGeneration';
  readonly invoice: AssembledInvoice;
}

/** Records the tax engine's estimated line taxes: the invoice becomes a Draft. */
export interface RecordInvoiceDraft {
  readonly type: 'RecordInvoiceDraft';
  readonly invoiceId: string;
  readonly lineTaxes: readonly TaxedLine[];
}

/** Starts posting a draft: actual tax is calculated and committed next. */
export interface StartInvoicePosting {
  readonly type: 'StartInvoicePosting';
  readonly invoiceId: string;
}

/** Records the committed line taxes and the number assigned to the invoice (per legal entity). */
export interface PostInvoice {
  readonly type: 'PostInvoice';
  readonly invoiceId: string;
  readonly lineTaxes: readonly TaxedLine[];
  readonly invoiceNumber: string;
  readonly postedDate: CalendarDate;
}

/**
 * Marks the invoice's group as failed. `runId`, `groupingKey` and `billingScheduleIds` name the group
 * when it fails before its invoice was recorded (Pending); once recorded, the invoice's own win.
 */
export interface FailInvoiceGeneration {
  readonly type: 'FailInvoiceGeneration';
  readonly invoiceId: string;
  readonly runId: string;
  readonly groupingKey: string;
  readonly billingScheduleIds: readonly string[];
  readonly cause: InvoiceFailureCause;
}

/** Cancels an invoice stuck in progress, in Error, or a draft (recovery); its periods are released. */
export interface CancelInvoice {
  readonly type: 'CancelInvoice';
  readonly invoiceId: string;
  readonly reason: string;
}

export type InvoiceCommand =
  | StartInvoiceGeneration
  | RecordInvoiceDraft
  | StartInvoicePosting
  | PostInvoice
  | FailInvoiceGeneration
  | CancelInvoice;
