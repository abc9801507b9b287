import { DomainError, type CalendarDate, type CurrencyCode, type Money } from '@invoice-engine/kernel';
import type { DecimalString } from '../terms';
import type { UsageSummaryStatusPair, UsageSummaryStatusPairOf } from './status';

/** One usage record added to the summary, kept so that a redelivered record is recognised. */
export interface RecordedUsage {
  readonly usageId: string;
  readonly quantity: DecimalString | null;
  readonly ratedAmount: Money | null;
}

/** The run and invoice that billed the summary. */
export interface UsageSummaryInvoice {
  readonly runId: string;
  readonly invoiceId: string;
}

export interface UsageSummaryFacts {
  readonly usageSummaryId: string;
  readonly billingScheduleId: string;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly currency: CurrencyCode;
  readonly recordedUsage: ReadonlyMap<string, RecordedUsage>;
  /** Sum of the recorded quantities (exact decimal, never rounded). */
  readonly quantity: DecimalString;
  /** What a run would bill: the sum of rated amounts recorded, replaced by a subtotal calculation. */
  readonly ratedAmount: Money;
  /** The last group calculation's included quantity, null before the first one. */
  readonly includedQuantity: DecimalString | null;
  /** The last subtotal calculation's amount, null before the first one. */
  readonly subtotalAmount: Money | null;
}

type ProcessedPair = UsageSummaryStatusPairOf<'Processed'>;

/** A created summary: a discriminated union on `status`, each paired with its processing status. */
export type UsageSummary = UsageSummaryFacts &
  (
    | Exclude<UsageSummaryStatusPair, ProcessedPair>
    | (ProcessedPair & { readonly invoice: UsageSummaryInvoice })
  );

export type UsageSummaryDeciderState = { readonly status: 'NotCreated' } | UsageSummary;

export function requireUsageSummary(state: UsageSummaryDeciderState, usageSummaryId: string): UsageSummary {
  if (state.status === 'NotCreated') {
    throw new DomainError(
      'USAGE_SUMMARY.NOT_FOUND',
      'not-found',
      `Usage summary ${usageSummaryId} does not exist`,
    );
  }
  return state;
}

/** Processed summaries take no more usage and cancelled ones none at all (DOMAIN.md section 1). */
export function requireUsageSummaryOpen(summary: UsageSummary, action: string): void {
  if (summary.status === 'Processed') {
    throw new DomainError(
      'USAGE_SUMMARY.ALREADY_PROCESSED',
      'illegal-state',
      `Usage summary ${summary.usageSummaryId} is Processed (invoice ${summary.invoice.invoiceId}): cannot ${action}`,
    );
  }
  if (summary.status === 'Cancelled') {
    throw new DomainError(
      'USAGE_SUMMARY.CANCELLED',
      'illegal-state',
      `Usage summary ${summary.usageSummaryId} is Cancelled: cannot ${action}`,
    );
  }
}
