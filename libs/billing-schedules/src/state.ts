import type { CalendarDate, Instant, Money } from '@invoice-engine/kernel';
import type { DecimalString } from './terms';

export type InvoiceStatusOfLines = 'Draft' | 'Posted';

/** A period on an invoice. A period is invoiced at most once, ever, until a canceled draft releases it. */
export interface InvoicedPeriod {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly chargeAmount: Money;
  readonly runId: string;
  readonly invoiceId: string;
  readonly invoiceStatus: InvoiceStatusOfLines;
}

/** A period a run bills: one invoice line. */
export interface BillablePeriod {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly quantity: DecimalString;
  readonly unitPrice: DecimalString;
  readonly chargeAmount: Money;
}

/**
 * Where billing stands (DOMAIN.md section 1):
 * - nextChargeFromDate: the first day not yet billed;
 * - nextBillingDate: when the next unbilled period is due (Advance: its start; Arrears: its end + 1),
 *   null when it cannot be determined (no start date, nothing remains);
 * - billedThroughDate: the last day billed, null before the first invoice;
 * - billedAmount: sum of invoiced lines (drafts included); pendingAmount: the next period's amount
 *   (Evergreen) or the unbilled rest of the total (OrderAmount), 0 when nothing remains.
 */
export interface BillingPosition {
  readonly nextChargeFromDate: CalendarDate | null;
  readonly nextBillingDate: CalendarDate | null;
  readonly billedThroughDate: CalendarDate | null;
  readonly billedAmount: Money;
  readonly pendingAmount: Money;
}

interface BillingProgress extends BillingPosition {
  readonly invoicedPeriods: readonly InvoicedPeriod[];
  /** When a user last switched WillNotInvoice to PendingBilling; runs started before it never bill it. */
  readonly invoicingEnabledAt: Instant | null;
}

/** Why the schedule is in Error: the failed group's run and cause. */
export interface BillingScheduleFailure {
  readonly runId: string;
  readonly errorCode: string;
  readonly message: string;
}

/**
 * The schedule's state; the two status fields move together:
 * ReadyForInvoicing ↔ PendingBilling (WillNotInvoice when generateInvoice is false),
 * Processing ↔ InProgress (a draft invoice holds its lines), CompletelyBilled ↔ Completed, Error ↔ Error.
 */
export type BillingScheduleState =
  | (BillingProgress & {
      readonly status: 'ReadyForInvoicing';
      readonly invoiceRunProcessingStatus: 'PendingBilling' | 'WillNotInvoice';
    })
  | (BillingProgress & { readonly status: 'Processing'; readonly invoiceRunProcessingStatus: 'InProgress' })
  | (BillingProgress & {
      readonly status: 'CompletelyBilled';
      readonly invoiceRunProcessingStatus: 'Completed';
    })
  | (BillingProgress & {
      readonly status: 'Error';
      readonly invoiceRunProcessingStatus: 'Error';
      readonly failure: BillingScheduleFailure;
    });

export type BillingScheduleStatus = BillingScheduleState['status'];
export type InvoiceRunProcessingStatus = BillingScheduleState['invoiceRunProcessingStatus'];

/** The status pair a schedule settles into when no failure is pending. */
export type SettledStatus =
  | {
      readonly status: 'ReadyForInvoicing';
      readonly invoiceRunProcessingStatus: 'PendingBilling' | 'WillNotInvoice';
    }
  | { readonly status: 'Processing'; readonly invoiceRunProcessingStatus: 'InProgress' }
  | { readonly status: 'CompletelyBilled'; readonly invoiceRunProcessingStatus: 'Completed' };
