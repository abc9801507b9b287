import type { CalendarDate } from '@invoice-engine/kernel';
import type { RunCriteria } from './run-criteria';

export const SCHEDULER_FREQUENCIES = ['Once', 'Daily', 'Weekly', 'Monthly'] as const;
/** How often a scheduler fires: once, every day, on given weekdays, or on one day of every month. */
export type SchedulerFrequency = (typeof SCHEDULER_FREQUENCIES)[number];

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const RELATIVE_MONTH_DAYS = ['Last', 'SecondToLast', 'ThirdToLast'] as const;
/** A day of the month a Monthly scheduler fires on: 1..28, or counted back from the month's end. */
export type MonthlyDay = number | (typeof RELATIVE_MONTH_DAYS)[number];

export const WEEKDAY_ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Last'] as const;
export type WeekdayOrdinal = (typeof WEEKDAY_ORDINALS)[number];

/** The nth weekday of a month, e.g. the Second Tuesday or the Last Friday. */
export interface NthWeekday {
  readonly ordinal: WeekdayOrdinal;
  readonly weekday: Weekday;
}

export const INVOICE_STATUSES_TO_PRODUCE = ['Draft', 'Posted'] as const;
/** The status the invoices of a fired run end in. */
export type InvoiceStatusToProduce = (typeof INVOICE_STATUSES_TO_PRODUCE)[number];

/**
 * How a run's target date (bill everything due up to this date) is derived:
 * - `Fixed`: the given date (Once schedulers only);
 * - `OffsetFromRunDate`: run date + `days` (recurring);
 * - `DayOfMonth`: the given day (clamped to the month's length) or the last day of the run date's
 *   month shifted by `monthOffset` months (recurring).
 */
export type TargetDateRule =
  | { readonly kind: 'Fixed'; readonly date: CalendarDate }
  | { readonly kind: 'OffsetFromRunDate'; readonly days: number }
  | { readonly kind: 'DayOfMonth'; readonly day: number | 'Last'; readonly monthOffset: number };

/**
 * How a run's invoice date is derived: a given date (Once schedulers only), or an offset in days
 * from the target date or from the run date.
 */
export type InvoiceDateRule =
  | { readonly kind: 'Fixed'; readonly date: CalendarDate }
  | { readonly kind: 'OffsetFromTargetDate'; readonly days: number }
  | { readonly kind: 'OffsetFromRunDate'; readonly days: number };

/**
 * Everything a user sets on an invoice batch scheduler (its status and firings live in the state).
 * - `preferredTime`: wall-clock `HH:mm` in `timeZone` (an IANA zone id such as `Asia/Tokyo`).
 * - `startDate`/`endDate`: the first and last calendar dates (in `timeZone`, inclusive) a firing may
 *   fall on; `endDate` null = no end.
 * - `weeklyDays`: Weekly only (empty otherwise). `monthlyDay` xor `nthWeekday`: Monthly only.
 * - `excludeWeekendsAndHolidays`: a fire date on a Saturday, Sunday or one of `holidays` moves to the
 *   next business day.
 * - `billingPeriodCount`: caps how many periods a run bills per schedule (1..12), null = no cap.
 */
export interface SchedulerDefinition {
  readonly name: string;
  readonly frequency: SchedulerFrequency;
  readonly startDate: CalendarDate;
  readonly preferredTime: string;
  readonly timeZone: string;
  readonly endDate: CalendarDate | null;
  readonly weeklyDays: readonly Weekday[];
  readonly monthlyDay: MonthlyDay | null;
  readonly nthWeekday: NthWeekday | null;
  readonly excludeWeekendsAndHolidays: boolean;
  readonly holidays: readonly CalendarDate[];
  readonly criteria: RunCriteria;
  readonly invoiceStatus: InvoiceStatusToProduce;
  readonly targetDate: TargetDateRule;
  readonly invoiceDate: InvoiceDateRule;
  readonly billingPeriodCount: number | null;
}
