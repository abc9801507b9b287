import { assertNever, type Decider } from '@invoice-engine/kernel';
import type { BillingScheduleDeciderState } from './billing-schedule';
import type { BillingScheduleCommand } from './commands';
import { decideMarkError, decideResetFromError } from './decide-failure';
import {
  decideEnableInvoicing,
  decideHold,
  decideReleaseHold,
  decideResume,
  decideSuspend,
} from './decide-flags';
import { decideInvoice, decidePostDraft, decideReleasePeriods } from './decide-invoicing';
import {
  decideAmendDates,
  decideAmendPrice,
  decideAmendQuantity,
  decideCancel,
  decideCreate,
} from './decide-terms';
import type { BillingScheduleEvent } from './events';
import { evolve } from './evolve';

export function decide(
  command: BillingScheduleCommand,
  state: BillingScheduleDeciderState,
): readonly BillingScheduleEvent[] {
  switch (command.type) {
    case 'CreateBillingSchedule':
      return decideCreate(command, state);
    case 'AmendBillingSchedulePrice':
      return decideAmendPrice(command, state);
    case 'AmendBillingScheduleQuantity':
      return decideAmendQuantity(command, state);
    case 'AmendBillingScheduleDates':
      return decideAmendDates(command, state);
    case 'HoldBilling':
      return decideHold(command, state);
    case 'ReleaseBillingHold':
      return decideReleaseHold(command, state);
    case 'SuspendBillingSchedule':
      return decideSuspend(command, state);
    case 'ResumeBillingSchedule':
      return decideResume(command, state);
    case 'CancelBillingSchedule':
      return decideCancel(command, state);
    case 'EnableInvoicing':
      return decideEnableInvoicing(command, state);
    case 'InvoiceBillingSchedulePeriods':
      return decideInvoice(command, state);
    case 'PostDraftInvoice':
      return decidePostDraft(command, state);
    case 'ReleaseInvoicedPeriods':
      return decideReleasePeriods(command, state);
    case 'MarkBillingScheduleError':
      return decideMarkError(command, state);
    case 'ResetBillingScheduleFromError':
      return decideResetFromError(command, state);
    default:
      return assertNever(command, 'billing schedule command');
  }
}

export function initialState(): BillingScheduleDeciderState {
  return { status: 'NotCreated' };
}

export const billingScheduleDecider: Decider<
  BillingScheduleCommand,
  BillingScheduleEvent,
  BillingScheduleDeciderState
> = {
  decide,
  evolve,
  initialState,
};
