import { DomainError } from '@invoice-engine/kernel';
import type { CreatedInvoiceBatchScheduler, InvoiceBatchSchedulerState } from './scheduler-state';

/** Stable error codes of the scheduler decider (besides SCHEDULER.INVALID_DEFINITION). */
export const SchedulerErrorCode = {
  NotFound: 'SCHEDULER.NOT_FOUND',
  AlreadyExists: 'SCHEDULER.ALREADY_EXISTS',
  NotEditable: 'SCHEDULER.NOT_EDITABLE',
  Canceled: 'SCHEDULER.CANCELED',
  NotActive: 'SCHEDULER.NOT_ACTIVE',
  NotAFireTime: 'SCHEDULER.NOT_A_FIRE_TIME',
} as const;

/** The created scheduler, or SCHEDULER.NOT_FOUND when the stream holds none. */
export function existingScheduler(
  state: InvoiceBatchSchedulerState,
  schedulerId: string,
): CreatedInvoiceBatchScheduler {
  if (state.status === 'NotCreated') {
    throw new DomainError(
      SchedulerErrorCode.NotFound,
      'not-found',
      `Invoice batch scheduler ${schedulerId} does not exist`,
    );
  }
  return state;
}

/** SCHEDULER.CANCELED: a canceled scheduler is final; only a repeated cancel is accepted. */
export function refuseIfCanceled(scheduler: CreatedInvoiceBatchScheduler, action: string): void {
  if (scheduler.status === 'Canceled') {
    throw new DomainError(
      SchedulerErrorCode.Canceled,
      'illegal-state',
      `Cannot ${action} invoice batch scheduler ${scheduler.schedulerId}: it is canceled`,
    );
  }
}
