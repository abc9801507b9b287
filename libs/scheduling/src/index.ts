export * from './bill-now';
export { isBusinessDay, isFireDate, isNominalDate, weekdayOf } from './fire-calendar';
export * from './nightly-scheduler-definition';
export { fireTimeOn, isScheduledFireTime, nextFireTime, nextScheduledFireTime } from './next-fire-time';
export * from './run-criteria';
export * from './run-dates';
export * from './scheduler-commands';
export * from './scheduler-decider';
export * from './scheduler-definition';
export {
  MAX_MONTH_OFFSET,
  MAX_NAME_LENGTH,
  MAX_OFFSET_DAYS,
  schedulerDefinitionProblems,
} from './scheduler-definition-problems';
export { SchedulerErrorCode } from './scheduler-errors';
export * from './scheduler-events';
export * from './scheduler-run-now';
export * from './scheduler-state';
export * from './target-date-limit';
export {
  InvalidSchedulerDefinitionError,
  sameSchedulerDefinition,
  validSchedulerDefinition,
} from './valid-scheduler-definition';
export { calendarDateAt, isKnownTimeZone, isPreferredTime, wallClockInstant } from './wall-clock';
