import {
  addDays,
  addMonths,
  assertNever,
  lastDayOfMonth,
  withDayOfMonthClamped,
  type CalendarDate,
  type Instant,
} from '@invoice-engine/kernel';
import type { InvoiceDateRule, SchedulerDefinition, TargetDateRule } from './scheduler-definition';
import { calendarDateAt } from './wall-clock';

/**
 * The dates of a run started by a scheduler.
 * - `runDate`: the calendar date of the fire instant in the scheduler's time zone.
 * - `targetDate`: bill everything due up to this date.
 * - `invoiceDate`: the date printed on the invoices (their due dates count from it).
 */
export interface SchedulerRunDates {
  readonly runDate: CalendarDate;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
}

export function schedulerRunDates(definition: SchedulerDefinition, fireTime: Instant): SchedulerRunDates {
  const runDate = calendarDateAt(fireTime, definition.timeZone);
  const targetDate = targetDateFor(definition.targetDate, runDate);
  return { runDate, targetDate, invoiceDate: invoiceDateFor(definition.invoiceDate, targetDate, runDate) };
}

/** Once → the given date; recurring → run date + days, or a day of the run month shifted by months. */
export function targetDateFor(rule: TargetDateRule, runDate: CalendarDate): CalendarDate {
  switch (rule.kind) {
    case 'Fixed':
      return rule.date;
    case 'OffsetFromRunDate':
      return addDays(runDate, rule.days);
    case 'DayOfMonth': {
      // Shift the first of the month, not the run date, so a 31st run date cannot clamp the month.
      const month = addMonths(withDayOfMonthClamped(runDate, 1), rule.monthOffset);
      return rule.day === 'Last' ? lastDayOfMonth(month) : withDayOfMonthClamped(month, rule.day);
    }
    default:
      return assertNever(rule, 'target date rule');
  }
}

/** The given date, or the target date or run date plus an offset in days. */
export function invoiceDateFor(
  rule: InvoiceDateRule,
  targetDate: CalendarDate,
  runDate: CalendarDate,
): CalendarDate {
  switch (rule.kind) {
    case 'Fixed':
      return rule.date;
    case 'OffsetFromTargetDate':
      return addDays(targetDate, rule.days);
    case 'OffsetFromRunDate':
      return addDays(runDate, rule.days);
    default:
      return assertNever(rule, 'invoice date rule');
  }
}
