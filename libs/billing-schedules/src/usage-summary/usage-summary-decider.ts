import { assertNever, type Decider } from '@invoice-engine/kernel';
import type { UsageSummaryCommand } from './commands';
import {
  decideCompleteGroupCalculation,
  decideCompleteSubtotalCalculation,
  decideQueueForGroupCalculation,
} from './decide-calculation';
import { decideCancel, decideCreate, decideMarkInvoiced } from './decide-lifecycle';
import { decideRecordUsage } from './decide-usage';
import type { UsageSummaryEvent } from './events';
import { evolveUsageSummary } from './evolve';
import type { UsageSummaryDeciderState } from './usage-summary';

export function decideUsageSummary(
  command: UsageSummaryCommand,
  state: UsageSummaryDeciderState,
): readonly UsageSummaryEvent[] {
  switch (command.type) {
    case 'CreateUsageSummary':
      return decideCreate(command, state);
    case 'RecordUsage':
      return decideRecordUsage(command, state);
    case 'QueueUsageSummaryForGroupCalculation':
      return decideQueueForGroupCalculation(command, state);
    case 'CompleteUsageGroupCalculation':
      return decideCompleteGroupCalculation(command, state);
    case 'CompleteUsageSubtotalCalculation':
      return decideCompleteSubtotalCalculation(command, state);
    case 'MarkUsageSummaryInvoiced':
      return decideMarkInvoiced(command, state);
    case 'CancelUsageSummary':
      return decideCancel(command, state);
    default:
      return assertNever(command, 'usage summary command');
  }
}

export function initialUsageSummaryState(): UsageSummaryDeciderState {
  return { status: 'NotCreated' };
}

export const usageSummaryDecider: Decider<UsageSummaryCommand, UsageSummaryEvent, UsageSummaryDeciderState> =
  {
    decide: decideUsageSummary,
    evolve: evolveUsageSummary,
    initialState: initialUsageSummaryState,
  };
