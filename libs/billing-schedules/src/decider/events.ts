import type { CalendarDate, DomainEvent, Instant, Money } from '@invoice-engine/kernel';
import type {
  BillablePeriod,
  BillingPosition,
  BillingScheduleFailure,
  BillingScheduleState,
  InvoiceStatusOfLines,
} from '../state';
import type { BillingScheduleTerms, DecimalString, Suspension } from '../terms';

/** The two status fields, kept paired as DOMAIN.md section 1 says. */
export type StatusPair = BillingScheduleState extends infer S
  ? S extends BillingScheduleState
    ? Pick<S, 'status' | 'invoiceRunProcessingStatus'>
    : never
  : never;

/** Position and status after the event: what projections need, so none recomputes billing rules. */
export type BillingScheduleSnapshot = BillingPosition & StatusPair;

interface AboutSchedule {
  readonly billingScheduleId: string;
}

export interface ReleasedPeriod {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly chargeAmount: Money;
}

export type BillingScheduleCreated = DomainEvent<
  'BillingScheduleCreated',
  AboutSchedule & { readonly terms: BillingScheduleTerms; readonly snapshot: BillingScheduleSnapshot }
>;
/**
 * The schedule was created mid-life with a given state (recorded right after its creation): the
 * snapshot is that state, checked against the terms, fields left out derived. `failure` is set only for
 * a schedule given in Error.
 */
export type BillingScheduleStateImported = DomainEvent<
  'BillingScheduleStateImported',
  AboutSchedule & {
    readonly snapshot: BillingScheduleSnapshot;
    readonly failure: BillingScheduleFailure | null;
  }
>;
export type BillingSchedulePriceAmended = DomainEvent<
  'BillingSchedulePriceAmended',
  AboutSchedule & { readonly unitPrice: DecimalString; readonly snapshot: BillingScheduleSnapshot }
>;
export type BillingScheduleQuantityAmended = DomainEvent<
  'BillingScheduleQuantityAmended',
  AboutSchedule & { readonly quantity: DecimalString; readonly snapshot: BillingScheduleSnapshot }
>;
export type BillingScheduleDatesAmended = DomainEvent<
  'BillingScheduleDatesAmended',
  AboutSchedule & {
    readonly startDate: CalendarDate;
    readonly endDate: CalendarDate | null;
    readonly snapshot: BillingScheduleSnapshot;
  }
>;
export type BillingScheduleHeld = DomainEvent<'BillingScheduleHeld', AboutSchedule>;
export type BillingScheduleHoldReleased = DomainEvent<'BillingScheduleHoldReleased', AboutSchedule>;
export type BillingScheduleSuspended = DomainEvent<
  'BillingScheduleSuspended',
  AboutSchedule & { readonly suspension: Suspension }
>;
export type BillingScheduleResumed = DomainEvent<
  'BillingScheduleResumed',
  AboutSchedule & { readonly suspension: Suspension }
>;
export type BillingScheduleCancelled = DomainEvent<
  'BillingScheduleCancelled',
  AboutSchedule & { readonly cancellationDate: CalendarDate; readonly snapshot: BillingScheduleSnapshot }
>;
export type BillingScheduleInvoicingEnabled = DomainEvent<
  'BillingScheduleInvoicingEnabled',
  AboutSchedule & { readonly enabledAt: Instant; readonly snapshot: BillingScheduleSnapshot }
>;
export type BillingScheduleInvoiced = DomainEvent<
  'BillingScheduleInvoiced',
  AboutSchedule & {
    readonly runId: string;
    readonly invoiceId: string;
    readonly invoiceStatus: InvoiceStatusOfLines;
    readonly periods: readonly BillablePeriod[];
    readonly snapshot: BillingScheduleSnapshot;
  }
>;
export type BillingScheduleDraftInvoicePosted = DomainEvent<
  'BillingScheduleDraftInvoicePosted',
  AboutSchedule & { readonly invoiceId: string; readonly snapshot: BillingScheduleSnapshot }
>;
export type BillingSchedulePeriodsReleased = DomainEvent<
  'BillingSchedulePeriodsReleased',
  AboutSchedule & {
    readonly invoiceId: string;
    readonly periods: readonly ReleasedPeriod[];
    readonly snapshot: BillingScheduleSnapshot;
  }
>;
export type BillingScheduleProcessingFailed = DomainEvent<
  'BillingScheduleProcessingFailed',
  AboutSchedule & { readonly runId: string; readonly errorCode: string; readonly message: string }
>;
export type BillingScheduleErrorReset = DomainEvent<
  'BillingScheduleErrorReset',
  AboutSchedule & { readonly recoveryRunId: string; readonly snapshot: BillingScheduleSnapshot }
>;

export type BillingScheduleEvent =
  | BillingScheduleCreated
  | BillingScheduleStateImported
  | BillingSchedulePriceAmended
  | BillingScheduleQuantityAmended
  | BillingScheduleDatesAmended
  | BillingScheduleHeld
  | BillingScheduleHoldReleased
  | BillingScheduleSuspended
  | BillingScheduleResumed
  | BillingScheduleCancelled
  | BillingScheduleInvoicingEnabled
  | BillingScheduleInvoiced
  | BillingScheduleDraftInvoicePosted
  | BillingSchedulePeriodsReleased
  | BillingScheduleProcessingFailed
  | BillingScheduleErrorReset;
