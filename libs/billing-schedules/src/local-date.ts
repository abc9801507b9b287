import { LocalDate } from '@js-joda/core';
import type { CalendarDate } from '@invoice-engine/kernel';

/**
 * Reads a CalendarDate (already validated 'YYYY-MM-DD') into a js-joda LocalDate without the
 * formatter: period generation reads dates in tight loops, and `LocalDate.parse` dominates its time.
 */
export function localDateOf(date: CalendarDate): LocalDate {
  return LocalDate.of(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function calendarDateOf(date: LocalDate): CalendarDate {
  return date.toString() as CalendarDate;
}

/** The day after `date`, in the billing loops where the kernel's parsing `addDays` is too slow. */
export function dayAfter(date: CalendarDate): CalendarDate {
  return calendarDateOf(localDateOf(date).plusDays(1));
}

/** The day before `date`, for the same loops. */
export function dayBefore(date: CalendarDate): CalendarDate {
  return calendarDateOf(localDateOf(date).minusDays(1));
}
