import { assertNever, zeroMoney } from '@invoice-engine/kernel';
import type { UsageSummaryEvent } from './events';
import type { UsageSummaryStatusPair, UsageSummaryStatusPairOf } from './status';
import type { UsageSummary, UsageSummaryDeciderState, UsageSummaryFacts } from './usage-summary';

type OpenPair = Exclude<UsageSummaryStatusPair, UsageSummaryStatusPairOf<'Processed'>>;

function requireCreated(state: UsageSummaryDeciderState, event: UsageSummaryEvent): UsageSummary {
  if (state.status === 'NotCreated') throw new Error(`${event.type} before UsageSummaryCreated`);
  return state;
}

function factsOf(summary: UsageSummary): UsageSummaryFacts {
  const { usageSummaryId, billingScheduleId, periodStart, periodEnd, currency } = summary;
  const { recordedUsage, quantity, ratedAmount, includedQuantity, subtotalAmount } = summary;
  return {
    usageSummaryId,
    billingScheduleId,
    periodStart,
    periodEnd,
    currency,
    recordedUsage,
    quantity,
    ratedAmount,
    includedQuantity,
    subtotalAmount,
  };
}

/** The summary with the facts and the status pair an event recorded (no invoice: not Processed). */
function withPair(facts: UsageSummaryFacts, { status, invoiceRunProcessingStatus }: OpenPair): UsageSummary {
  return { ...facts, status, invoiceRunProcessingStatus } as UsageSummary;
}

/** Applies the facts an event records, its status pair included; it never re-runs a rule. */
export function evolveUsageSummary(
  state: UsageSummaryDeciderState,
  event: UsageSummaryEvent,
): UsageSummaryDeciderState {
  if (event.type === 'UsageSummaryCreated') {
    const { usageSummaryId, billingScheduleId, periodStart, periodEnd, currency } = event.data;
    const facts: UsageSummaryFacts = {
      usageSummaryId,
      billingScheduleId,
      periodStart,
      periodEnd,
      currency,
      recordedUsage: new Map(),
      quantity: '0',
      ratedAmount: zeroMoney(currency),
      includedQuantity: null,
      subtotalAmount: null,
    };
    return withPair(facts, event.data);
  }
  const facts = factsOf(requireCreated(state, event));
  switch (event.type) {
    case 'UsageRecorded': {
      const { usageId, quantity, ratedAmount, totalQuantity, totalRatedAmount } = event.data;
      const recordedUsage = new Map(facts.recordedUsage).set(usageId, { usageId, quantity, ratedAmount });
      return withPair(
        { ...facts, recordedUsage, quantity: totalQuantity, ratedAmount: totalRatedAmount },
        event.data,
      );
    }
    case 'UsageSummaryQueuedForGroupCalculation':
    case 'UsageSummaryCancelled':
      return withPair(facts, event.data);
    case 'UsageGroupCalculationCompleted':
      return withPair({ ...facts, includedQuantity: event.data.includedQuantity }, event.data);
    case 'UsageSubtotalCalculationCompleted': {
      const { ratedAmount } = event.data;
      return withPair({ ...facts, ratedAmount, subtotalAmount: ratedAmount }, event.data);
    }
    case 'UsageSummaryInvoiced': {
      const { runId, invoiceId, status, invoiceRunProcessingStatus } = event.data;
      return { ...facts, invoice: { runId, invoiceId }, status, invoiceRunProcessingStatus };
    }
    default:
      return assertNever(event, 'usage summary event');
  }
}
