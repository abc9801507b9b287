import { calendarDate } from '@invoice-engine/kernel';
import { ANY_RUN_CRITERIA } from './run-criteria';
import type { SchedulerDefinition } from './scheduler-definition';

/**
 * A valid Daily scheduler, "Nightly US billing", at 06:00 UTC from 2026-01-01 (a Thursday), billing
 * up to the run date and invoicing on the target date; overridable field by field. The one example
 * definition every library's specs and test fixtures start from: it lives here because the module
 * boundaries let every library depend on a domain library, and none on `@invoice-engine/testing`.
 */
export function nightlySchedulerDefinition(
  overrides: Partial<SchedulerDefinition> = {},
): SchedulerDefinition {
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
