import type { CalendarDate, Instant } from '@invoice-engine/kernel';
import type { GivenBillingScheduleState } from '../given-state';
import type { BillablePeriod, InvoiceStatusOfLines } from '../state';
import type { BillingScheduleTerms, DecimalString } from '../terms';

export interface CreateBillingSchedule {
  readonly type: 'CreateBillingSchedule';
  readonly terms: BillingScheduleTerms;
  /**
   * The state of a schedule created mid-life (migrated, or given in a scenario); absent = derived
   * from the start date. Recorded as `BillingScheduleStateImported` right after the creation.
   */
  readonly givenState?: GivenBillingScheduleState;
}
export interface AmendBillingSchedulePrice {
  readonly type: 'AmendBillingSchedulePrice';
  readonly billingScheduleId: string;
  readonly unitPrice: DecimalString;
}
export interface AmendBillingScheduleQuantity {
  readonly type: 'AmendBillingScheduleQuantity';
  readonly billingScheduleId: string;
  readonly quantity: DecimalString;
}
export interface AmendBillingScheduleDates {
  readonly type: 'AmendBillingScheduleDates';
  readonly billingScheduleId: string;
  readonly startDate: CalendarDate;
  readonly endDate: CalendarDate | null;
}
export interface HoldBilling {
  readonly type: 'HoldBilling';
  readonly billingScheduleId: string;
}
export interface ReleaseBillingHold {
  readonly type: 'ReleaseBillingHold';
  readonly billingScheduleId: string;
}
export interface SuspendBillingSchedule {
  readonly type: 'SuspendBillingSchedule';
  readonly billingScheduleId: string;
  readonly from: CalendarDate;
  readonly resumeOn: CalendarDate | null;
}
export interface ResumeBillingSchedule {
  readonly type: 'ResumeBillingSchedule';
  readonly billingScheduleId: string;
  readonly resumeOn: CalendarDate;
}
export interface CancelBillingSchedule {
  readonly type: 'CancelBillingSchedule';
  readonly billingScheduleId: string;
  /** The first day without service. */
  readonly cancellationDate: CalendarDate;
}
export interface EnableInvoicing {
  readonly type: 'EnableInvoicing';
  readonly billingScheduleId: string;
  readonly enabledAt: Instant;
}
/** Put periods a run decided on an invoice (one command per invoice, so per chunk of a group). */
export interface InvoiceBillingSchedulePeriods {
  readonly type: 'InvoiceBillingSchedulePeriods';
  readonly billingScheduleId: string;
  readonly runId: string;
  /** When the run started: a run started before invoicing was enabled never bills the schedule. */
  readonly runStartedAt: Instant;
  readonly invoiceId: string;
  readonly invoiceStatus: InvoiceStatusOfLines;
  readonly periods: readonly BillablePeriod[];
}
export interface PostDraftInvoice {
  readonly type: 'PostDraftInvoice';
  readonly billingScheduleId: string;
  readonly invoiceId: string;
}
/** A draft invoice was canceled (recovery): its periods can be billed again. */
export interface ReleaseInvoicedPeriods {
  readonly type: 'ReleaseInvoicedPeriods';
  readonly billingScheduleId: string;
  readonly invoiceId: string;
}
/** The schedule's group failed in a run: processing status Error, its periods not invoiced. */
export interface MarkBillingScheduleError {
  readonly type: 'MarkBillingScheduleError';
  readonly billingScheduleId: string;
  readonly runId: string;
  readonly errorCode: string;
  readonly message: string;
}
/** A recovery run resets a failed schedule so a later run can bill it. */
export interface ResetBillingScheduleFromError {
  readonly type: 'ResetBillingScheduleFromError';
  readonly billingScheduleId: string;
  readonly recoveryRunId: string;
}

export type BillingScheduleCommand =
  | CreateBillingSchedule
  | AmendBillingSchedulePrice
  | AmendBillingScheduleQuantity
  | AmendBillingScheduleDates
  | HoldBilling
  | ReleaseBillingHold
  | SuspendBillingSchedule
  | ResumeBillingSchedule
  | CancelBillingSchedule
  | EnableInvoicing
  | InvoiceBillingSchedulePeriods
  | PostDraftInvoice
  | ReleaseInvoicedPeriods
  | MarkBillingScheduleError
  | ResetBillingScheduleFromError;
