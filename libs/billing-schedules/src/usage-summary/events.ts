import type { CalendarDate, CurrencyCode, DomainEvent, Money } from '@invoice-engine/kernel';
import type { DecimalString } from '../terms';
import type { UsageSummaryStatusPair, UsageSummaryStatusPairOf } from './status';

interface AboutUsageSummary {
  readonly usageSummaryId: string;
}

/** Every event carries the status pair after it, so projections never re-derive the lifecycle. */
export type UsageSummaryCreated = DomainEvent<
  'UsageSummaryCreated',
  AboutUsageSummary &
    UsageSummaryStatusPairOf<'New'> & {
      readonly billingScheduleId: string;
      readonly periodStart: CalendarDate;
      readonly periodEnd: CalendarDate;
      readonly currency: CurrencyCode;
    }
>;
/** A usage record added, with the summary's totals after it. */
export type UsageRecorded = DomainEvent<
  'UsageRecorded',
  AboutUsageSummary &
    Exclude<UsageSummaryStatusPair, UsageSummaryStatusPairOf<'New' | 'Processed' | 'Cancelled'>> & {
      readonly usageId: string;
      readonly quantity: DecimalString | null;
      readonly ratedAmount: Money | null;
      readonly totalQuantity: DecimalString;
      readonly totalRatedAmount: Money;
    }
>;
export type UsageSummaryQueuedForGroupCalculation = DomainEvent<
  'UsageSummaryQueuedForGroupCalculation',
  AboutUsageSummary & UsageSummaryStatusPairOf<'QueuedForGroupCalculation'>
>;
export type UsageGroupCalculationCompleted = DomainEvent<
  'UsageGroupCalculationCompleted',
  AboutUsageSummary &
    UsageSummaryStatusPairOf<'QueuedForSubtotalCalculation'> & {
      readonly includedQuantity: DecimalString;
      readonly billableQuantity: DecimalString;
    }
>;
export type UsageSubtotalCalculationCompleted = DomainEvent<
  'UsageSubtotalCalculationCompleted',
  AboutUsageSummary & UsageSummaryStatusPairOf<'QueuedForInvoice'> & { readonly ratedAmount: Money }
>;
export type UsageSummaryInvoiced = DomainEvent<
  'UsageSummaryInvoiced',
  AboutUsageSummary &
    UsageSummaryStatusPairOf<'Processed'> & {
      readonly runId: string;
      readonly invoiceId: string;
      readonly ratedAmount: Money;
    }
>;
export type UsageSummaryCancelled = DomainEvent<
  'UsageSummaryCancelled',
  AboutUsageSummary & UsageSummaryStatusPairOf<'Cancelled'>
>;

export type UsageSummaryEvent =
  | UsageSummaryCreated
  | UsageRecorded
  | UsageSummaryQueuedForGroupCalculation
  | UsageGroupCalculationCompleted
  | UsageSubtotalCalculationCompleted
  | UsageSummaryInvoiced
  | UsageSummaryCancelled;
