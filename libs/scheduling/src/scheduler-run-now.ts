import type { CalendarDate, Instant } from '@invoice-engine/kernel';
import type { RunCriteria } from './run-criteria';
import { schedulerRunDates } from './run-dates';
import type { InvoiceStatusToProduce } from './scheduler-definition';
import { existingScheduler, refuseIfCanceled } from './scheduler-errors';
import type { InvoiceBatchSchedulerState } from './scheduler-state';
import { assertTargetDateWithinLimit } from './target-date-limit';

/** A run started by "run now" on a scheduler: its criteria, with dates computed as if it fired now. */
export interface SchedulerRunNowRequest {
  readonly schedulerId: string;
  readonly runDate: CalendarDate;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: InvoiceStatusToProduce;
  readonly criteria: RunCriteria;
  readonly billingPeriodCount: number | null;
}

/**
 * "Run now" works on any scheduler that is not canceled (a Draft can be tried before activation) and
 * does not count as a firing. Refused with TARGET_DATE_OUT_OF_RANGE beyond today + the org's limit.
 */
export function buildSchedulerRunNowRequest(
  state: InvoiceBatchSchedulerState,
  request: {
    readonly schedulerId: string;
    readonly now: Instant;
    readonly today: CalendarDate;
    readonly maxTargetDateOffsetMonths: number;
  },
): SchedulerRunNowRequest {
  const scheduler = existingScheduler(state, request.schedulerId);
  refuseIfCanceled(scheduler, 'run');
  const { definition } = scheduler;
  const dates = schedulerRunDates(definition, request.now);
  assertTargetDateWithinLimit(dates.targetDate, request.today, request.maxTargetDateOffsetMonths);
  return {
    schedulerId: scheduler.schedulerId,
    ...dates,
    invoiceStatus: definition.invoiceStatus,
    criteria: definition.criteria,
    billingPeriodCount: definition.billingPeriodCount,
  };
}
