import { DomainError } from '@invoice-engine/kernel';
import { stateAfterErrorReset } from '../billing-progress';
import { requireSchedule, snapshotOf, type BillingScheduleDeciderState } from './billing-schedule';
import type { MarkBillingScheduleError, ResetBillingScheduleFromError } from './commands';
import type { BillingScheduleEvent } from './events';

type Events = readonly BillingScheduleEvent[];

/** A failed group: the schedule goes to Error; the first failure stands until a recovery resets it. */
export function decideMarkError(
  command: MarkBillingScheduleError,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.status === 'Error') return [];
  if (schedule.status === 'CompletelyBilled') {
    throw new DomainError(
      'BILLING_SCHEDULE.COMPLETELY_BILLED',
      'illegal-state',
      'A completely billed schedule cannot fail',
    );
  }
  const { billingScheduleId, runId, errorCode, message } = command;
  return [
    { type: 'BillingScheduleProcessingFailed', data: { billingScheduleId, runId, errorCode, message } },
  ];
}

/**
 * Recovery: back to the status its lines imply — ReadyForInvoicing (or CompletelyBilled, or Processing
 * while a draft still holds lines; a recovery cancels such drafts, which releases them).
 */
export function decideResetFromError(
  command: ResetBillingScheduleFromError,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.status !== 'Error') return [];
  const snapshot = snapshotOf(stateAfterErrorReset(schedule.terms, schedule));
  const data = {
    billingScheduleId: command.billingScheduleId,
    recoveryRunId: command.recoveryRunId,
    snapshot,
  };
  return [{ type: 'BillingScheduleErrorReset', data }];
}
