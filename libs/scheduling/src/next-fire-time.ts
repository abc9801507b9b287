import { addDays, isBefore, maxDate, type CalendarDate, type Instant } from '@invoice-engine/kernel';
import { isFireDate } from './fire-calendar';
import type { SchedulerDefinition } from './scheduler-definition';
import type { InvoiceBatchSchedulerState } from './scheduler-state';
import { calendarDateAt, epochMillis, wallClockInstant } from './wall-clock';

/**
 * How far ahead the search looks. The longest gap between two fire dates is a month plus the days a
 * weekend-and-holiday shift adds, so a year (plus one day per configured holiday) is ample.
 */
const SEARCH_HORIZON_DAYS = 400;

/**
 * When an Active scheduler fires next: the first fire instant strictly after `now` and after its last
 * recorded firing, or null when it will not fire again (not Active, past its end date, a Once
 * scheduler that already fired or whose time has passed). Missed fire times are not returned: to
 * catch up after downtime, ask with the instant of the last check as `now`.
 */
export function nextFireTime(state: InvoiceBatchSchedulerState, now: Instant): Instant | null {
  if (state.status !== 'Active') return null;
  if (state.definition.frequency === 'Once' && state.lastFireTime !== null) return null;
  const after =
    state.lastFireTime !== null && epochMillis(state.lastFireTime) > epochMillis(now)
      ? state.lastFireTime
      : now;
  return nextScheduledFireTime(state.definition, after);
}

/** The first fire instant of the definition strictly after `after`, whatever the scheduler's status. */
export function nextScheduledFireTime(definition: SchedulerDefinition, after: Instant): Instant | null {
  const afterMillis = epochMillis(after);
  // A day earlier than the wall-clock date of `after`: a daylight-saving gap can push a fire time
  // into the following day, so yesterday's fire instant may still lie ahead.
  const firstCandidate = maxDate(
    definition.startDate,
    addDays(calendarDateAt(after, definition.timeZone), -1),
  );
  const lastCandidate = addDays(firstCandidate, SEARCH_HORIZON_DAYS + definition.holidays.length);
  for (let date = firstCandidate; !isBefore(lastCandidate, date); date = addDays(date, 1)) {
    if (definition.endDate !== null && isBefore(definition.endDate, date)) return null;
    if (!isFireDate(definition, date)) continue;
    const fireTime = fireTimeOn(definition, date);
    if (epochMillis(fireTime) > afterMillis) return fireTime;
  }
  return null;
}

/** True when `at` is exactly one of the definition's fire instants. */
export function isScheduledFireTime(definition: SchedulerDefinition, at: Instant): boolean {
  const date = calendarDateAt(at, definition.timeZone);
  return [addDays(date, -1), date].some(
    (candidate) =>
      isFireDate(definition, candidate) && epochMillis(fireTimeOn(definition, candidate)) === epochMillis(at),
  );
}

/** The instant a scheduler fires on a fire date: its preferred time on that date in its time zone. */
export function fireTimeOn(definition: SchedulerDefinition, date: CalendarDate): Instant {
  return wallClockInstant(date, definition.preferredTime, definition.timeZone);
}
