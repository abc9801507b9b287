import { DomainError } from '@invoice-engine/kernel';
import type { Suspension } from '../terms';
import { validateTerms } from '../terms-validation';
import { requireSchedule, snapshotOf, type BillingScheduleDeciderState } from './billing-schedule';
import type {
  EnableInvoicing,
  HoldBilling,
  ReleaseBillingHold,
  ResumeBillingSchedule,
  SuspendBillingSchedule,
} from './commands';
import type { BillingScheduleEvent } from './events';

type Events = readonly BillingScheduleEvent[];

export function decideHold(command: HoldBilling, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.terms.holdBilling) return [];
  return [{ type: 'BillingScheduleHeld', data: { billingScheduleId: command.billingScheduleId } }];
}

export function decideReleaseHold(command: ReleaseBillingHold, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (!schedule.terms.holdBilling) return [];
  return [{ type: 'BillingScheduleHoldReleased', data: { billingScheduleId: command.billingScheduleId } }];
}

/** Suspension changes no position: runs judge it as of their target date. */
export function decideSuspend(command: SuspendBillingSchedule, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const suspension: Suspension = { from: command.from, resumeOn: command.resumeOn };
  const current = schedule.terms.suspension;
  if (current !== null && current.from === suspension.from && current.resumeOn === suspension.resumeOn)
    return [];
  validateTerms({ ...schedule.terms, suspension });
  return [
    { type: 'BillingScheduleSuspended', data: { billingScheduleId: command.billingScheduleId, suspension } },
  ];
}

/** Ends the suspension window on `resumeOn`; deferred periods are billed by the next run on or after it. */
export function decideResume(command: ResumeBillingSchedule, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const current = schedule.terms.suspension;
  if (current === null) {
    throw new DomainError(
      'BILLING_SCHEDULE.NOT_SUSPENDED',
      'illegal-state',
      'The billing schedule is not suspended',
    );
  }
  if (current.resumeOn === command.resumeOn) return [];
  const suspension: Suspension = { from: current.from, resumeOn: command.resumeOn };
  validateTerms({ ...schedule.terms, suspension });
  return [
    { type: 'BillingScheduleResumed', data: { billingScheduleId: command.billingScheduleId, suspension } },
  ];
}

/**
 * WillNotInvoice → PendingBilling. The time is kept so that no run started before it bills the
 * schedule (DOMAIN.md section 1: it never makes an earlier run pick the schedule up).
 */
export function decideEnableInvoicing(command: EnableInvoicing, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (schedule.terms.generateInvoice) return [];
  const current = snapshotOf(schedule);
  const snapshot =
    current.status === 'ReadyForInvoicing'
      ? { ...current, invoiceRunProcessingStatus: 'PendingBilling' as const }
      : current;
  const data = { billingScheduleId: command.billingScheduleId, enabledAt: command.enabledAt, snapshot };
  return [{ type: 'BillingScheduleInvoicingEnabled', data }];
}
