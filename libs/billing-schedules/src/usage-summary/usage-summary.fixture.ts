import {
  calendarDate,
  DomainError,
  currencyCode,
  foldEvents,
  money,
  type Money,
} from '@invoice-engine/kernel';
import type { UsageSummaryCommand } from './commands';
import type { UsageSummaryEvent } from './events';
import type { UsageSummaryDeciderState } from './usage-summary';
import { decideUsageSummary, usageSummaryDecider } from './usage-summary-decider';

/** Test-only: the summary of the specs, a USD usage period of February 2026. */
export const summaryId = 'us-1';
export const usd = currencyCode('USD');
export const usdCents = (minorUnits: bigint): Money => money(minorUnits, usd);

export const create: UsageSummaryCommand = {
  type: 'CreateUsageSummary',
  usageSummaryId: summaryId,
  billingScheduleId: 'bs-usage-1',
  periodStart: calendarDate('2026-02-01'),
  periodEnd: calendarDate('2026-02-28'),
  currency: usd,
};

export const recordUsage = (
  usageId: string,
  quantity: string | null,
  ratedAmount: Money | null = null,
): UsageSummaryCommand => ({
  type: 'RecordUsage',
  usageSummaryId: summaryId,
  usageId,
  quantity,
  ratedAmount,
});

export const queueForGroupCalculation: UsageSummaryCommand = {
  type: 'QueueUsageSummaryForGroupCalculation',
  usageSummaryId: summaryId,
};
export const completeGroupCalculation = (includedQuantity: string): UsageSummaryCommand => ({
  type: 'CompleteUsageGroupCalculation',
  usageSummaryId: summaryId,
  includedQuantity,
});
export const completeSubtotalCalculation = (ratedAmount: Money): UsageSummaryCommand => ({
  type: 'CompleteUsageSubtotalCalculation',
  usageSummaryId: summaryId,
  ratedAmount,
});
export const markInvoiced = (invoiceId = 'inv-1', runId = 'run-1'): UsageSummaryCommand => ({
  type: 'MarkUsageSummaryInvoiced',
  usageSummaryId: summaryId,
  runId,
  invoiceId,
});
export const cancel: UsageSummaryCommand = { type: 'CancelUsageSummary', usageSummaryId: summaryId };

/** The events a sequence of commands produces, each decided on the state so far. */
export function history(...commands: readonly UsageSummaryCommand[]): UsageSummaryEvent[] {
  return commands.reduce<UsageSummaryEvent[]>(
    (events, command) => [...events, ...decideUsageSummary(command, stateOf(events))],
    [],
  );
}

export function stateOf(events: readonly UsageSummaryEvent[]): UsageSummaryDeciderState {
  return foldEvents(usageSummaryDecider, events);
}

/** Given events, when a command: the events decided. */
export function when(given: readonly UsageSummaryEvent[], command: UsageSummaryCommand) {
  return decideUsageSummary(command, stateOf(given));
}

/** Decides the command, applies its events, and decides it again: the second time must yield nothing. */
export function decideTwice(given: readonly UsageSummaryEvent[], command: UsageSummaryCommand) {
  const first = when(given, command);
  const second = when([...given, ...first], command);
  return { first, second };
}

/** The DomainError a call throws; any other error, or none, fails the test. */
export function errorOf(call: () => unknown): DomainError {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, nothing was thrown');
}

/** A summary with usage whose calculations are done: QueuedForInvoice at USD 42.50. */
export const queuedForInvoice = () =>
  history(
    create,
    recordUsage('u-1', '120'),
    queueForGroupCalculation,
    completeGroupCalculation('100'),
    completeSubtotalCalculation(usdCents(4250n)),
  );
