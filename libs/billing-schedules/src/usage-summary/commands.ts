import type { CalendarDate, CurrencyCode, Money } from '@invoice-engine/kernel';
import type { DecimalString } from '../terms';

interface AboutUsageSummary {
  readonly usageSummaryId: string;
}

export interface CreateUsageSummary extends AboutUsageSummary {
  readonly type: 'CreateUsageSummary';
  readonly billingScheduleId: string;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly currency: CurrencyCode;
}
/** One usage record: a quantity, a rated amount in the summary's currency, or both (at least one). */
export interface RecordUsage extends AboutUsageSummary {
  readonly type: 'RecordUsage';
  readonly usageId: string;
  readonly quantity: DecimalString | null;
  readonly ratedAmount: Money | null;
}
export interface QueueUsageSummaryForGroupCalculation extends AboutUsageSummary {
  readonly type: 'QueueUsageSummaryForGroupCalculation';
}
/** Group calculation: how much of the quantity included usage covers (at most the quantity). */
export interface CompleteUsageGroupCalculation extends AboutUsageSummary {
  readonly type: 'CompleteUsageGroupCalculation';
  readonly includedQuantity: DecimalString;
}
/** Subtotal calculation: the amount volume tiers give the billable quantity. */
export interface CompleteUsageSubtotalCalculation extends AboutUsageSummary {
  readonly type: 'CompleteUsageSubtotalCalculation';
  readonly ratedAmount: Money;
}
export interface MarkUsageSummaryInvoiced extends AboutUsageSummary {
  readonly type: 'MarkUsageSummaryInvoiced';
  readonly runId: string;
  readonly invoiceId: string;
}
export interface CancelUsageSummary extends AboutUsageSummary {
  readonly type: 'CancelUsageSummary';
}

export type UsageSummaryCommand =
  | CreateUsageSummary
  | RecordUsage
  | QueueUsageSummaryForGroupCalculation
  | CompleteUsageGroupCalculation
  | CompleteUsageSubtotalCalculation
  | MarkUsageSummaryInvoiced
  | CancelUsageSummary;
