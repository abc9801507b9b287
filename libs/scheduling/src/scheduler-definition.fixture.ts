import { calendarDate } from '@invoice-engine/kernel';
import { ANY_RUN_CRITERIA } from './run-criteria';
import type { SchedulerDefinition } from './scheduler-definition';

/**
 * A valid Daily scheduler at 06:00 UTC from 2026-01-01 (a Thursday), billing up to the run date and
 * invoicing on the target date; tests override what they are about.
 */
export function aSchedulerDefinition(overrides: Partial<SchedulerDefinition> = {}): SchedulerDefinition {
  return {
    name: 'Nightly US billing',
    frequency: 'Daily',
    startDate: calendarDate('2026-01-01'),
    preferredTime: '06:00',
    timeZone: 'UTC',
    endDate: null,
    weeklyDays: [],
    monthlyDay: null,
    nthWeekday: null,
    excludeWeekendsAndHolidays: false,
    holidays: [],
    criteria: ANY_RUN_CRITERIA,
    invoiceStatus: 'Draft',
    targetDate: { kind: 'OffsetFromRunDate', days: 0 },
    invoiceDate: { kind: 'OffsetFromTargetDate', days: 0 },
    billingPeriodCount: null,
    ...overrides,
  };
}

/** A Once scheduler firing on 2026-03-02 at 06:00 UTC for target date 2026-03-31. */
export function aOnceSchedulerDefinition(overrides: Partial<SchedulerDefinition> = {}): SchedulerDefinition {
  return aSchedulerDefinition({
    frequency: 'Once',
    startDate: calendarDate('2026-03-02'),
    targetDate: { kind: 'Fixed', date: calendarDate('2026-03-31') },
    invoiceDate: { kind: 'Fixed', date: calendarDate('2026-04-01') },
    ...overrides,
  });
}
