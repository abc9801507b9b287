import { calendarDate, type CalendarDate, type CurrencyCode, type Instant } from '@invoice-engine/kernel';

/** What the org decides for every run: the currency of the single totals and the target date limit. */
export interface OrgSettings {
  readonly defaultCurrency: CurrencyCode;
  /** A run's target date may be at most this many months after today (DOMAIN.md section 2; default 12). */
  readonly maxTargetDateOffsetMonths: number;
}

/** The org's "today": the UTC calendar date of the instant (the org has no time zone of its own yet). */
export function orgToday(now: Instant): CalendarDate {
  return calendarDate(now.slice(0, 10));
}
