import type { CalendarDate, DomainEvent, Money } from '@invoice-engine/kernel';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { TaxedInvoiceLine } from '../assembly/invoice-line';
import type { InvoiceStatus } from './invoice-state';

/** Error-log categories an invoice can fail in (DOMAIN.md section 1, revenue transaction error log). */
export const InvoiceFailureCategory = {
  InvoiceGeneration: 'InvoiceGeneration',
  TaxCalculation: 'TaxCalculation',
  PostTaxCalculation: 'PostTaxCalculation',
  ScheduleUpdate: 'ScheduleUpdate',
} as const;
export type InvoiceFailureCategory = (typeof InvoiceFailureCategory)[keyof typeof InvoiceFailureCategory];

export interface InvoiceFailureCause {
  readonly category: InvoiceFailureCategory;
  readonly code: string;
  readonly message: string;
}

/** A billing period an invoice no longer holds, so it can be billed again. */
export interface ReleasedPeriod {
  readonly billingScheduleId: string;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
}

/** The invoice with its lines and subtotal, before tax (status DraftInProgress). */
export type InvoiceDraftingStarted = DomainEvent<'InvoiceDraftingStarted', AssembledInvoice>;

export type InvoiceDrafted = DomainEvent<
  'InvoiceDrafted',
  {
    readonly invoiceId: string;
    readonly runId: string;
    /** Lines with estimated tax. */
    readonly lines: readonly TaxedInvoiceLine[];
    readonly subtotal: Money;
    readonly taxTotal: Money;
    readonly total: Money;
  }
>;

export type InvoicePostingStarted = DomainEvent<
  'InvoicePostingStarted',
  { readonly invoiceId: string; readonly runId: string }
>;

export type InvoicePosted = DomainEvent<
  'InvoicePosted',
  {
    readonly invoiceId: string;
    readonly runId: string;
    readonly invoiceNumber: string;
    readonly postedDate: CalendarDate;
    /** Lines with actual (committed) tax. */
    readonly lines: readonly TaxedInvoiceLine[];
    readonly subtotal: Money;
    readonly taxTotal: Money;
    readonly total: Money;
  }
>;

export type InvoiceGenerationFailed = DomainEvent<
  'InvoiceGenerationFailed',
  {
    readonly invoiceId: string;
    readonly runId: string;
    readonly groupingKey: string;
    readonly failedFrom: InvoiceStatus;
    readonly cause: InvoiceFailureCause;
    /** The schedules whose periods this invoice would have billed; they go to Error. */
    readonly billingScheduleIds: readonly string[];
  }
>;

export type InvoiceCanceled = DomainEvent<
  'InvoiceCanceled',
  {
    readonly invoiceId: string;
    readonly runId: string;
    readonly canceledFrom: InvoiceStatus;
    readonly reason: string;
    readonly releasedPeriods: readonly ReleasedPeriod[];
  }
>;

export type InvoiceEvent =
  | InvoiceDraftingStarted
  | InvoiceDrafted
  | InvoicePostingStarted
  | InvoicePosted
  | InvoiceGenerationFailed
  | InvoiceCanceled;
