import { ChronoUnit, DateTimeParseException, LocalDate } from '@js-joda/core';
import { DomainError } from './domain-error';

/**
 * A calendar date `YYYY-MM-DD` with no time and no zone. All billing dates are calendar dates;
 * arithmetic goes through js-joda's LocalDate, never through `Date` in a local time zone.
 */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function calendarDate(value: string): CalendarDate {
  if (!ISO_DATE.test(value)) {
    throw new DomainError('DATE.INVALID', 'validation', `"${value}" is not a date in the form YYYY-MM-DD`);
  }
  try {
    return LocalDate.parse(value).toString() as CalendarDate;
  } catch (error) {
    if (error instanceof DateTimeParseException) {
      throw new DomainError('DATE.INVALID', 'validation', `"${value}" is not a valid calendar date`);
    }
    throw error;
  }
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  try {
    LocalDate.parse(value);
    return true;
  } catch {
    return false;
  }
}

export function toLocalDate(date: CalendarDate): LocalDate {
  return LocalDate.parse(date);
}

export function fromLocalDate(date: LocalDate): CalendarDate {
  return date.toString() as CalendarDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromLocalDate(toLocalDate(date).plusDays(days));
}

/** Adds months, clamping the day to the end of the month: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return fromLocalDate(toLocalDate(date).plusMonths(months));
}

/** Days from `from` to `to`, counting both ends: 2026-01-15..2026-01-31 is 17. */
export function daysInclusive(from: CalendarDate, to: CalendarDate): number {
  return toLocalDate(from).until(toLocalDate(to), ChronoUnit.DAYS) + 1;
}

export function compareDates(left: CalendarDate, right: CalendarDate): number {
  // ISO dates compare correctly as strings.
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isBefore(left: CalendarDate, right: CalendarDate): boolean {
  return left < right;
}

export function isOnOrBefore(left: CalendarDate, right: CalendarDate): boolean {
  return left <= right;
}

export function minDate(left: CalendarDate, right: CalendarDate): CalendarDate {
  return left <= right ? left : right;
}

export function maxDate(left: CalendarDate, right: CalendarDate): CalendarDate {
  return left >= right ? left : right;
}

export function lastDayOfMonth(date: CalendarDate): CalendarDate {
  const local = toLocalDate(date);
  return fromLocalDate(local.withDayOfMonth(local.lengthOfMonth()));
}

/** The date in the same month with day min(day, last day of that month). */
export function withDayOfMonthClamped(date: CalendarDate, day: number): CalendarDate {
  const local = toLocalDate(date);
  return fromLocalDate(local.withDayOfMonth(Math.min(day, local.lengthOfMonth())));
}
