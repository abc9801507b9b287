import { addMoney, assertNever, DomainError, ExactDecimal, type Money } from '@invoice-engine/kernel';
import type { RecordUsage } from './commands';
import type { UsageSummaryEvent } from './events';
import { usageSummaryStatusPair } from './status';
import { decimalString, validUsageAmount, validUsageQuantity } from './usage-values';
import {
  requireUsageSummaryOpen,
  requireUsageSummary,
  type RecordedUsage,
  type UsageSummary,
  type UsageSummaryDeciderState,
} from './usage-summary';

type Events = readonly UsageSummaryEvent[];

function sameAmount(left: Money | null, right: Money | null): boolean {
  if (left === null || right === null) return left === right;
  return left.currency === right.currency && left.minorUnits === right.minorUnits;
}

function sameRecord(recorded: RecordedUsage, command: RecordUsage): boolean {
  return recorded.quantity === command.quantity && sameAmount(recorded.ratedAmount, command.ratedAmount);
}

/** New usage moves a New summary to QueuedForInvoice; a summary being calculated or queued stays. */
function statusAfterUsage(summary: UsageSummary) {
  switch (summary.status) {
    case 'New':
    case 'QueuedForInvoice':
      return usageSummaryStatusPair('QueuedForInvoice');
    case 'QueuedForGroupCalculation':
      return usageSummaryStatusPair('QueuedForGroupCalculation');
    case 'QueuedForSubtotalCalculation':
      return usageSummaryStatusPair('QueuedForSubtotalCalculation');
    case 'Processed':
    case 'Cancelled':
      // requireUsageSummaryOpen refused it before: a closed summary never gets here.
      throw new Error(`Usage is never recorded on a ${summary.status} summary`);
    default:
      return assertNever(summary, 'usage summary status');
  }
}

/**
 * Adds one usage record. A redelivered record (same usage id, same values) yields nothing, even
 * after the summary was processed; the same id with other values is a conflict. New usage on a
 * Processed or Cancelled summary is refused.
 */
export function decideRecordUsage(command: RecordUsage, state: UsageSummaryDeciderState): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  const recorded = summary.recordedUsage.get(command.usageId);
  if (recorded !== undefined) {
    if (sameRecord(recorded, command)) return [];
    throw new DomainError(
      'USAGE_SUMMARY.USAGE_ALREADY_RECORDED',
      'conflict',
      `Usage ${command.usageId} is already recorded with other values`,
    );
  }
  requireUsageSummaryOpen(summary, `take usage ${command.usageId}`);
  const { quantity, ratedAmount } = command;
  if (quantity === null && ratedAmount === null) {
    throw new DomainError(
      'USAGE_SUMMARY.EMPTY_USAGE',
      'validation',
      `Usage ${command.usageId} has neither a quantity nor a rated amount`,
    );
  }
  const addedQuantity = quantity === null ? new ExactDecimal(0) : validUsageQuantity(quantity, 'quantity');
  const totalRatedAmount =
    ratedAmount === null
      ? summary.ratedAmount
      : addMoney(summary.ratedAmount, validUsageAmount(ratedAmount, summary.currency, 'ratedAmount'));
  const data = {
    usageSummaryId: command.usageSummaryId,
    usageId: command.usageId,
    quantity,
    ratedAmount,
    totalQuantity: decimalString(new ExactDecimal(summary.quantity).add(addedQuantity)),
    totalRatedAmount,
    ...statusAfterUsage(summary),
  };
  return [{ type: 'UsageRecorded', data }];
}
