import { DomainError, ExactDecimal, type Money } from '@invoice-engine/kernel';
import type {
  CompleteUsageGroupCalculation,
  CompleteUsageSubtotalCalculation,
  QueueUsageSummaryForGroupCalculation,
} from './commands';
import type { UsageSummaryEvent } from './events';
import { usageSummaryStatusPair, type UsageSummaryStatus } from './status';
import { decimalString, validUsageAmount, validUsageQuantity } from './usage-values';
import {
  requireUsageSummaryOpen,
  requireUsageSummary,
  type UsageSummary,
  type UsageSummaryDeciderState,
} from './usage-summary';

type Events = readonly UsageSummaryEvent[];

function notQueued(summary: UsageSummary, expected: UsageSummaryStatus): DomainError {
  return new DomainError(
    'USAGE_SUMMARY.NOT_QUEUED_FOR_CALCULATION',
    'illegal-state',
    `Usage summary ${summary.usageSummaryId} is ${summary.status}, not ${expected}`,
  );
}

/**
 * Usage waiting for an invoice (or half-way through calculation) goes back to group calculation, so
 * included usage and tiers see all of it. New holds no usage: nothing to calculate (`NO_USAGE`).
 */
export function decideQueueForGroupCalculation(
  command: QueueUsageSummaryForGroupCalculation,
  state: UsageSummaryDeciderState,
): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  if (summary.status === 'QueuedForGroupCalculation') return [];
  requireUsageSummaryOpen(summary, 'be queued for group calculation');
  if (summary.status === 'New') {
    throw new DomainError(
      'USAGE_SUMMARY.NO_USAGE',
      'illegal-state',
      `Usage summary ${command.usageSummaryId} is New and holds no usage to calculate`,
    );
  }
  const data = {
    usageSummaryId: command.usageSummaryId,
    ...usageSummaryStatusPair('QueuedForGroupCalculation'),
  };
  return [{ type: 'UsageSummaryQueuedForGroupCalculation', data }];
}

/**
 * Included usage: QueuedForGroupCalculation → QueuedForSubtotalCalculation. The included quantity is
 * at most the quantity. Once done, the same result again (a redelivery) yields nothing; another
 * result is refused.
 */
export function decideCompleteGroupCalculation(
  command: CompleteUsageGroupCalculation,
  state: UsageSummaryDeciderState,
): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  if (summary.status !== 'QueuedForGroupCalculation') {
    if (summary.includedQuantity === command.includedQuantity) return [];
    throw notQueued(summary, 'QueuedForGroupCalculation');
  }
  const included = validUsageQuantity(command.includedQuantity, 'includedQuantity');
  const quantity = new ExactDecimal(summary.quantity);
  if (included.greaterThan(quantity)) {
    throw new DomainError(
      'USAGE_SUMMARY.INCLUDED_EXCEEDS_QUANTITY',
      'validation',
      `Included quantity ${command.includedQuantity} exceeds the summary's quantity ${summary.quantity}`,
    );
  }
  const data = {
    usageSummaryId: command.usageSummaryId,
    includedQuantity: command.includedQuantity,
    billableQuantity: decimalString(quantity.sub(included)),
    ...usageSummaryStatusPair('QueuedForSubtotalCalculation'),
  };
  return [{ type: 'UsageGroupCalculationCompleted', data }];
}

function sameMoney(left: Money | null, right: Money): boolean {
  return left !== null && left.currency === right.currency && left.minorUnits === right.minorUnits;
}

/**
 * Volume tiers: QueuedForSubtotalCalculation → QueuedForInvoice with the rated amount, which replaces
 * the amounts recorded with the usage. The same result again yields nothing; another is refused.
 */
export function decideCompleteSubtotalCalculation(
  command: CompleteUsageSubtotalCalculation,
  state: UsageSummaryDeciderState,
): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  if (summary.status !== 'QueuedForSubtotalCalculation') {
    if (sameMoney(summary.subtotalAmount, command.ratedAmount)) return [];
    throw notQueued(summary, 'QueuedForSubtotalCalculation');
  }
  const data = {
    usageSummaryId: command.usageSummaryId,
    ratedAmount: validUsageAmount(command.ratedAmount, summary.currency, 'ratedAmount'),
    ...usageSummaryStatusPair('QueuedForInvoice'),
  };
  return [{ type: 'UsageSubtotalCalculationCompleted', data }];
}
