import { addMonths, DomainError, isOnOrBefore, type CalendarDate } from '@invoice-engine/kernel';

/** The org's default limit: a run may look at most 12 months ahead of today. */
export const DEFAULT_MAX_TARGET_DATE_OFFSET_MONTHS = 12;

/**
 * The latest target date a run may have: today + the org's limit in months, the day clamped to the
 * month's end (2026-01-31 + 1 month = 2026-02-28).
 */
export function latestAllowedTargetDate(
  today: CalendarDate,
  maxTargetDateOffsetMonths: number,
): CalendarDate {
  if (!Number.isInteger(maxTargetDateOffsetMonths) || maxTargetDateOffsetMonths < 0) {
    throw new DomainError(
      'TARGET_DATE_LIMIT.INVALID',
      'validation',
      `The target date limit must be a whole number of months ≥ 0, got ${maxTargetDateOffsetMonths}`,
    );
  }
  return addMonths(today, maxTargetDateOffsetMonths);
}

/**
 * Refuses a target date later than today + the org's limit with `TARGET_DATE_OUT_OF_RANGE`, so no run
 * is created; used by "run now", ad-hoc runs and Bill Now. Earlier target dates (the past included)
 * are accepted: billing what is overdue is the normal case.
 */
export function assertTargetDateWithinLimit(
  targetDate: CalendarDate,
  today: CalendarDate,
  maxTargetDateOffsetMonths: number = DEFAULT_MAX_TARGET_DATE_OFFSET_MONTHS,
): CalendarDate {
  const latest = latestAllowedTargetDate(today, maxTargetDateOffsetMonths);
  if (!isOnOrBefore(targetDate, latest)) {
    throw new DomainError(
      'TARGET_DATE_OUT_OF_RANGE',
      'validation',
      `Target date ${targetDate} is later than ${latest} (today ${today} + ${maxTargetDateOffsetMonths} months)`,
    );
  }
  return targetDate;
}

/** The same rule as a predicate, for callers that want to branch rather than throw. */
export function isTargetDateWithinLimit(
  targetDate: CalendarDate,
  today: CalendarDate,
  maxTargetDateOffsetMonths: number = DEFAULT_MAX_TARGET_DATE_OFFSET_MONTHS,
): boolean {
  return isOnOrBefore(targetDate, latestAllowedTargetDate(today, maxTargetDateOffsetMonths));
}
