import { DayOfWeek, TemporalAdjusters, type LocalDate } from '@js-joda/core';
import { addDays, assertNever, isBefore, toLocalDate, type CalendarDate } from '@invoice-engine/kernel';
import {
  WEEKDAYS,
  type MonthlyDay,
  type NthWeekday,
  type SchedulerDefinition,
  type Weekday,
} from './scheduler-definition';

/**
 * The fire calendar of a scheduler, in calendar dates of its time zone.
 * - A *nominal date* is a date the recurrence names (every day, the chosen weekdays, the chosen
 *   monthly day, or the start date for Once), on or after the start date.
 * - A *fire date* is a nominal date moved to the next business day when the scheduler excludes
 *   weekends and holidays, and not after the end date. Several nominal dates can move to the same
 *   business day (a Daily scheduler's Saturday and Sunday both land on Monday); it fires once.
 */
export function isFireDate(definition: SchedulerDefinition, date: CalendarDate): boolean {
  if (definition.endDate !== null && isBefore(definition.endDate, date)) return false;
  if (!definition.excludeWeekendsAndHolidays) return isNominalDate(definition, date);
  if (!isBusinessDay(definition, date)) return false;
  // The nominal dates that move onto this business day: itself and the non-business days before it.
  for (let candidate = date; ; candidate = addDays(candidate, -1)) {
    if (isBefore(candidate, definition.startDate)) return false;
    if (isNominalDate(definition, candidate)) return true;
    const previous = addDays(candidate, -1);
    if (isBusinessDay(definition, previous)) return false;
  }
}

/** A business day is neither a Saturday, a Sunday, nor one of the scheduler's holidays. */
export function isBusinessDay(definition: SchedulerDefinition, date: CalendarDate): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 'Saturday' && weekday !== 'Sunday' && !definition.holidays.includes(date);
}

export function isNominalDate(definition: SchedulerDefinition, date: CalendarDate): boolean {
  if (isBefore(date, definition.startDate)) return false;
  switch (definition.frequency) {
    case 'Once':
      return date === definition.startDate;
    case 'Daily':
      return true;
    case 'Weekly':
      return definition.weeklyDays.includes(weekdayOf(date));
    case 'Monthly':
      return monthlyNominalDate(definition, toLocalDate(date)).equals(toLocalDate(date));
    default:
      return assertNever(definition.frequency, 'scheduler frequency');
  }
}

export function weekdayOf(date: CalendarDate): Weekday {
  const weekday = WEEKDAYS[toLocalDate(date).dayOfWeek().ordinal()];
  if (weekday === undefined) throw new Error(`No weekday for ${date}`);
  return weekday;
}

/** The nominal date of a Monthly scheduler in the month of `inMonth`. */
function monthlyNominalDate(definition: SchedulerDefinition, inMonth: LocalDate): LocalDate {
  if (definition.nthWeekday !== null) return nthWeekdayOfMonth(definition.nthWeekday, inMonth);
  if (definition.monthlyDay === null) throw new Error('A Monthly scheduler needs monthlyDay or nthWeekday');
  return monthlyDayOfMonth(definition.monthlyDay, inMonth);
}

function monthlyDayOfMonth(monthlyDay: MonthlyDay, inMonth: LocalDate): LocalDate {
  const length = inMonth.lengthOfMonth();
  switch (monthlyDay) {
    case 'Last':
      return inMonth.withDayOfMonth(length);
    case 'SecondToLast':
      return inMonth.withDayOfMonth(length - 1);
    case 'ThirdToLast':
      return inMonth.withDayOfMonth(length - 2);
    default:
      // Days are 1..28 by validation; the clamp keeps the rule total if that ever widens.
      return inMonth.withDayOfMonth(Math.min(monthlyDay, length));
  }
}

function nthWeekdayOfMonth(nthWeekday: NthWeekday, inMonth: LocalDate): LocalDate {
  const dayOfWeek = DayOfWeek.values()[WEEKDAYS.indexOf(nthWeekday.weekday)];
  if (dayOfWeek === undefined) throw new Error(`Unknown weekday ${nthWeekday.weekday}`);
  switch (nthWeekday.ordinal) {
    case 'Last':
      return inMonth.with(TemporalAdjusters.lastInMonth(dayOfWeek));
    case 'First':
      return inMonth.with(TemporalAdjusters.dayOfWeekInMonth(1, dayOfWeek));
    case 'Second':
      return inMonth.with(TemporalAdjusters.dayOfWeekInMonth(2, dayOfWeek));
    case 'Third':
      return inMonth.with(TemporalAdjusters.dayOfWeekInMonth(3, dayOfWeek));
    case 'Fourth':
      return inMonth.with(TemporalAdjusters.dayOfWeekInMonth(4, dayOfWeek));
    default:
      return assertNever(nthWeekday.ordinal, 'weekday ordinal');
  }
}
