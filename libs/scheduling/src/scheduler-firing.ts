import { deterministicId, DomainError, instant, StreamCategory, type Instant } from '@invoice-engine/kernel';
import { isScheduledFireTime } from './next-fire-time';
import { schedulerRunDates } from './run-dates';
import { existingScheduler, refuseIfCanceled, SchedulerErrorCode } from './scheduler-errors';
import type { InvoiceBatchSchedulerEvent } from './scheduler-events';
import type { InvoiceBatchSchedulerState } from './scheduler-state';
import { epochMillis } from './wall-clock';

/**
 * Records that a scheduler fired at one of its fire times. Two replicas firing the same time (or a
 * redelivered command) produce one event: a fire time at or before the last recorded one yields
 * nothing, which is what makes "exactly once" hold at the domain level.
 */
export function recordSchedulerFiring(
  command: { readonly schedulerId: string; readonly fireTime: Instant },
  state: InvoiceBatchSchedulerState,
): readonly InvoiceBatchSchedulerEvent[] {
  const scheduler = existingScheduler(state, command.schedulerId);
  // Canonical form, so the same fire time always yields the same run id.
  const fireTime = instant(command.fireTime);
  if (scheduler.lastFireTime !== null && epochMillis(fireTime) <= epochMillis(scheduler.lastFireTime)) {
    return [];
  }
  refuseIfCanceled(scheduler, 'fire');
  if (scheduler.status !== 'Active') {
    throw new DomainError(
      SchedulerErrorCode.NotActive,
      'illegal-state',
      `Invoice batch scheduler ${scheduler.schedulerId} is ${scheduler.status}; only an Active scheduler fires`,
    );
  }
  const { definition } = scheduler;
  if (!isScheduledFireTime(definition, fireTime)) {
    throw new DomainError(
      SchedulerErrorCode.NotAFireTime,
      'validation',
      `${fireTime} is not a fire time of invoice batch scheduler ${scheduler.schedulerId}`,
    );
  }
  const dates = schedulerRunDates(definition, fireTime);
  return [
    {
      type: 'InvoiceBatchSchedulerFired',
      data: {
        schedulerId: scheduler.schedulerId,
        schedulerName: definition.name,
        runId: deterministicId(StreamCategory.InvoiceBatchScheduler, scheduler.schedulerId, fireTime),
        fireTime,
        runDate: dates.runDate,
        targetDate: dates.targetDate,
        invoiceDate: dates.invoiceDate,
        invoiceStatus: definition.invoiceStatus,
        criteria: definition.criteria,
        billingPeriodCount: definition.billingPeriodCount,
      },
    },
  ];
}
