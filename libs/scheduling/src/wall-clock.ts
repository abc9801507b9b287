// Loads the IANA time-zone database into js-joda; imported once, here, for the whole lib.
import '@js-joda/timezone';
import { Instant as JodaInstant, LocalDateTime, LocalTime, ZoneId, ZonedDateTime } from '@js-joda/core';
import { fromLocalDate, instant, toLocalDate, type CalendarDate, type Instant } from '@invoice-engine/kernel';

const IANA_ZONE_ID = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const PREFERRED_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a region id of the IANA database (`Europe/Paris`, `UTC`), false for offsets like `+02:00`. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || !IANA_ZONE_ID.test(timeZone)) return false;
  try {
    ZoneId.of(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** True for a wall-clock time `HH:mm` from 00:00 to 23:59. */
export function isPreferredTime(value: string): boolean {
  return typeof value === 'string' && PREFERRED_TIME.test(value);
}

/**
 * The instant at which the wall clock in `timeZone` shows `preferredTime` on `date`.
 * Daylight-saving transitions follow java.time / js-joda: in a gap (the clock jumps forward over the
 * preferred time) the instant moves later by the length of the gap (02:30 → 03:30); in an overlap
 * (the clock shows the time twice) the earlier occurrence wins, so a scheduler fires once, not twice.
 */
export function wallClockInstant(date: CalendarDate, preferredTime: string, timeZone: string): Instant {
  const local = LocalDateTime.of(toLocalDate(date), LocalTime.parse(preferredTime));
  const zoned = ZonedDateTime.of(local, ZoneId.of(timeZone));
  return instant(new Date(zoned.toInstant().toEpochMilli()).toISOString());
}

/** The calendar date the wall clock in `timeZone` shows at `at`. */
export function calendarDateAt(at: Instant, timeZone: string): CalendarDate {
  const zoned = ZonedDateTime.ofInstant(JodaInstant.ofEpochMilli(epochMillis(at)), ZoneId.of(timeZone));
  return fromLocalDate(zoned.toLocalDate());
}

/** Milliseconds since the epoch; instants are compared through this, never as strings. */
export function epochMillis(at: Instant): number {
  return new Date(at).getTime();
}
