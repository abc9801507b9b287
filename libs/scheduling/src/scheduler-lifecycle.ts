import { DomainError } from '@invoice-engine/kernel';
import type { InvoiceBatchSchedulerCommand, SchedulerLifecycleData } from './scheduler-commands';
import { existingScheduler, refuseIfCanceled, SchedulerErrorCode } from './scheduler-errors';
import type { InvoiceBatchSchedulerEvent } from './scheduler-events';
import type { InvoiceBatchSchedulerState } from './scheduler-state';
import { sameSchedulerDefinition, validSchedulerDefinition } from './valid-scheduler-definition';

type DataOf<Type extends InvoiceBatchSchedulerCommand['type']> = Extract<
  InvoiceBatchSchedulerCommand,
  { type: Type }
>['data'];
type Events = readonly InvoiceBatchSchedulerEvent[];

export function createScheduler(
  command: DataOf<'CreateInvoiceBatchScheduler'>,
  state: InvoiceBatchSchedulerState,
): Events {
  const definition = validSchedulerDefinition(command.definition);
  if (state.status !== 'NotCreated') {
    // A redelivered create is recognised by its definition; anything else is an id collision.
    if (sameSchedulerDefinition(state.definition, definition)) return [];
    throw new DomainError(
      SchedulerErrorCode.AlreadyExists,
      'conflict',
      `Invoice batch scheduler ${command.schedulerId} already exists with another definition`,
    );
  }
  return [
    {
      type: 'InvoiceBatchSchedulerCreated',
      data: { schedulerId: command.schedulerId, definition, createdAt: command.requestedAt },
    },
  ];
}

export function editScheduler(
  command: DataOf<'EditInvoiceBatchScheduler'>,
  state: InvoiceBatchSchedulerState,
): Events {
  const scheduler = existingScheduler(state, command.schedulerId);
  const definition = validSchedulerDefinition(command.definition);
  if (sameSchedulerDefinition(scheduler.definition, definition)) return [];
  refuseIfCanceled(scheduler, 'edit');
  if (scheduler.status === 'Active') {
    throw new DomainError(
      SchedulerErrorCode.NotEditable,
      'illegal-state',
      `Invoice batch scheduler ${scheduler.schedulerId} is Active; deactivate it before editing`,
    );
  }
  return [
    {
      type: 'InvoiceBatchSchedulerEdited',
      data: { schedulerId: scheduler.schedulerId, definition, editedAt: command.requestedAt },
    },
  ];
}

export function activateScheduler(
  command: SchedulerLifecycleData,
  state: InvoiceBatchSchedulerState,
): Events {
  const scheduler = existingScheduler(state, command.schedulerId);
  if (scheduler.status === 'Active') return [];
  refuseIfCanceled(scheduler, 'activate');
  return [
    {
      type: 'InvoiceBatchSchedulerActivated',
      data: { schedulerId: scheduler.schedulerId, activatedAt: command.requestedAt },
    },
  ];
}

export function deactivateScheduler(
  command: SchedulerLifecycleData,
  state: InvoiceBatchSchedulerState,
): Events {
  const scheduler = existingScheduler(state, command.schedulerId);
  if (scheduler.status === 'Inactive') return [];
  refuseIfCanceled(scheduler, 'deactivate');
  if (scheduler.status === 'Draft') {
    throw new DomainError(
      SchedulerErrorCode.NotActive,
      'illegal-state',
      `Invoice batch scheduler ${scheduler.schedulerId} is a Draft; only an Active scheduler can be deactivated`,
    );
  }
  return [
    {
      type: 'InvoiceBatchSchedulerDeactivated',
      data: { schedulerId: scheduler.schedulerId, deactivatedAt: command.requestedAt },
    },
  ];
}

export function cancelScheduler(command: SchedulerLifecycleData, state: InvoiceBatchSchedulerState): Events {
  const scheduler = existingScheduler(state, command.schedulerId);
  if (scheduler.status === 'Canceled') return [];
  return [
    {
      type: 'InvoiceBatchSchedulerCanceled',
      data: { schedulerId: scheduler.schedulerId, canceledAt: command.requestedAt },
    },
  ];
}
