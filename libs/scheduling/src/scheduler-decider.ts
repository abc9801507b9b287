import { assertNever, type Decider } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerCommand } from './scheduler-commands';
import type { InvoiceBatchSchedulerEvent } from './scheduler-events';
import { recordSchedulerFiring } from './scheduler-firing';
import {
  activateScheduler,
  cancelScheduler,
  createScheduler,
  deactivateScheduler,
  editScheduler,
} from './scheduler-lifecycle';
import type { InvoiceBatchSchedulerState } from './scheduler-state';

export function decideInvoiceBatchScheduler(
  command: InvoiceBatchSchedulerCommand,
  state: InvoiceBatchSchedulerState,
): readonly InvoiceBatchSchedulerEvent[] {
  switch (command.type) {
    case 'CreateInvoiceBatchScheduler':
      return createScheduler(command.data, state);
    case 'EditInvoiceBatchScheduler':
      return editScheduler(command.data, state);
    case 'ActivateInvoiceBatchScheduler':
      return activateScheduler(command.data, state);
    case 'DeactivateInvoiceBatchScheduler':
      return deactivateScheduler(command.data, state);
    case 'CancelInvoiceBatchScheduler':
      return cancelScheduler(command.data, state);
    case 'RecordInvoiceBatchSchedulerFiring':
      return recordSchedulerFiring(command.data, state);
    default:
      return assertNever(command, 'invoice batch scheduler command');
  }
}

export function evolveInvoiceBatchScheduler(
  state: InvoiceBatchSchedulerState,
  event: InvoiceBatchSchedulerEvent,
): InvoiceBatchSchedulerState {
  if (event.type === 'InvoiceBatchSchedulerCreated') {
    const { schedulerId, definition } = event.data;
    return { status: 'Draft', schedulerId, definition, lastFireTime: null };
  }
  // Every other event needs a created scheduler; a stream that starts otherwise is left as it is.
  if (state.status === 'NotCreated') return state;
  switch (event.type) {
    case 'InvoiceBatchSchedulerEdited':
      return { ...state, definition: event.data.definition };
    case 'InvoiceBatchSchedulerActivated':
      return { ...state, status: 'Active' };
    case 'InvoiceBatchSchedulerDeactivated':
      return { ...state, status: 'Inactive' };
    case 'InvoiceBatchSchedulerCanceled':
      return { ...state, status: 'Canceled' };
    case 'InvoiceBatchSchedulerFired':
      return { ...state, lastFireTime: event.data.fireTime };
    default:
      return assertNever(event, 'invoice batch scheduler event');
  }
}

export function initialInvoiceBatchSchedulerState(): InvoiceBatchSchedulerState {
  return { status: 'NotCreated' };
}

/** The decider of the `invoiceBatchScheduler-<id>` stream. */
export const invoiceBatchSchedulerDecider: Decider<
  InvoiceBatchSchedulerCommand,
  InvoiceBatchSchedulerEvent,
  InvoiceBatchSchedulerState
> = {
  decide: decideInvoiceBatchScheduler,
  evolve: evolveInvoiceBatchScheduler,
  initialState: initialInvoiceBatchSchedulerState,
};
