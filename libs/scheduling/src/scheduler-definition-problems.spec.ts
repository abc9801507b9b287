import { calendarDate, type CalendarDate, type CurrencyCode } from '@invoice-engine/kernel';
import type { ChargeType } from './run-criteria';
import { ANY_RUN_CRITERIA } from './run-criteria';
import type { SchedulerDefinition } from './scheduler-definition';
import { schedulerDefinitionProblems } from './scheduler-definition-problems';
import { aOnceSchedulerDefinition, aSchedulerDefinition } from './scheduler-definition.fixture';
import { InvalidSchedulerDefinitionError, validSchedulerDefinition } from './valid-scheduler-definition';

/** Test input that the type system would refuse, as it can arrive from JSON. */
const unchecked = <Value>(value: unknown) => value as Value;

describe('scheduler definition validation', () => {
  it('accepts the valid examples', () => {
    expect(schedulerDefinitionProblems(aSchedulerDefinition())).toEqual([]);
    expect(schedulerDefinitionProblems(aOnceSchedulerDefinition())).toEqual([]);
  });

  it.each<[string, Partial<SchedulerDefinition>, string]>([
    ['a blank name', { name: '  ' }, 'name must not be blank'],
    [
      'an unknown frequency',
      { frequency: unchecked('Hourly') },
      'frequency must be one of Once, Daily, Weekly, Monthly',
    ],
    [
      'a bad start date',
      { startDate: unchecked<CalendarDate>('2026-02-30') },
      'startDate must be a date YYYY-MM-DD',
    ],
    [
      'an end before the start',
      { endDate: calendarDate('2025-12-31') },
      'endDate must not be before startDate',
    ],
    ['a time of 24:00', { preferredTime: '24:00' }, 'preferredTime must be a time HH:mm (00:00..23:59)'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone "Mars/Olympus" is not an IANA zone'],
    ['an offset instead of a zone', { timeZone: '+09:00' }, 'timeZone "+09:00" is not an IANA zone'],
    [
      'weekly days on a Daily scheduler',
      { weeklyDays: ['Monday'] },
      'weeklyDays must be empty unless frequency is Weekly',
    ],
    [
      'a Weekly scheduler without days',
      { frequency: 'Weekly' },
      'weeklyDays must name at least one day for a Weekly scheduler',
    ],
    [
      'a repeated weekday',
      { frequency: 'Weekly', weeklyDays: ['Monday', 'Monday'] },
      'weeklyDays must not repeat a day',
    ],
    [
      'a monthly day 29',
      { frequency: 'Monthly', monthlyDay: 29 },
      'monthlyDay must be 1..28, Last, SecondToLast, ThirdToLast',
    ],
    [
      'both monthly day and nth weekday',
      { frequency: 'Monthly', monthlyDay: 1, nthWeekday: { ordinal: 'First', weekday: 'Monday' } },
      'a Monthly scheduler needs exactly one of monthlyDay and nthWeekday',
    ],
    [
      'a fifth weekday',
      { frequency: 'Monthly', nthWeekday: { ordinal: unchecked('Fifth'), weekday: 'Monday' } },
      'nthWeekday.ordinal must be one of First, Second, Third, Fourth, Last',
    ],
    [
      'a monthly day on a Daily scheduler',
      { monthlyDay: 1 },
      'monthlyDay and nthWeekday must be null unless frequency is Monthly',
    ],
    [
      'a fixed target date on a recurring scheduler',
      { targetDate: { kind: 'Fixed', date: calendarDate('2026-01-01') } },
      'a fixed targetDate is for Once schedulers; recurring ones use an offset or a day of month',
    ],
    [
      'a huge offset',
      { targetDate: { kind: 'OffsetFromRunDate', days: 3650 } },
      'targetDate.days must be a whole number -366..366',
    ],
    [
      'a day of month 32',
      { targetDate: { kind: 'DayOfMonth', day: 32, monthOffset: 0 } },
      'targetDate.day must be 1..31 or Last',
    ],
    [
      'a fixed invoice date on a recurring scheduler',
      { invoiceDate: { kind: 'Fixed', date: calendarDate('2026-01-01') } },
      'a fixed invoiceDate is for Once schedulers; use an offset',
    ],
    ['a billing period count of 13', { billingPeriodCount: 13 }, 'billingPeriodCount must be 1..12 or null'],
    [
      'an unknown invoice status',
      { invoiceStatus: unchecked('Sent') },
      'invoiceStatus must be one of Draft, Posted',
    ],
    [
      'an empty criterion',
      { criteria: { ...ANY_RUN_CRITERIA, legalEntityIds: [] } },
      'criteria.legalEntityIds must not be empty (use null for any)',
    ],
    [
      'an unknown currency',
      { criteria: { ...ANY_RUN_CRITERIA, currencies: [unchecked<CurrencyCode>('XYZ')] } },
      'criteria.currencies: "XYZ" is not an ISO 4217 currency code',
    ],
    [
      'an unknown charge type',
      { criteria: { ...ANY_RUN_CRITERIA, chargeTypes: [unchecked<ChargeType>('Fee')] } },
      'criteria.chargeTypes: "Fee" is not one of OneTime, Recurring, Usage',
    ],
  ])('refuses %s', (_, overrides, problem) => {
    expect(schedulerDefinitionProblems(aSchedulerDefinition(overrides))).toEqual([problem]);
  });

  it('needs a fixed target date on a Once scheduler', () => {
    expect(
      schedulerDefinitionProblems(
        aOnceSchedulerDefinition({ targetDate: { kind: 'OffsetFromRunDate', days: 0 } }),
      ),
    ).toEqual(['a Once scheduler needs a fixed targetDate']);
  });

  it('accepts a null billing batch as a criterion value of its own', () => {
    const criteria = { ...ANY_RUN_CRITERIA, billingBatches: [null, 'EU'] };
    expect(schedulerDefinitionProblems(aSchedulerDefinition({ criteria }))).toEqual([]);
  });

  it('lists every problem in one error', () => {
    const invalid = aSchedulerDefinition({ name: '', timeZone: 'Nowhere', billingPeriodCount: 0 });
    expect(() => validSchedulerDefinition(invalid)).toThrow(InvalidSchedulerDefinitionError);
    expect(() => validSchedulerDefinition(invalid)).toThrow(
      expect.objectContaining({
        code: 'SCHEDULER.INVALID_DEFINITION',
        kind: 'validation',
        problems: [
          'name must not be blank',
          'timeZone "Nowhere" is not an IANA zone',
          'billingPeriodCount must be 1..12 or null',
        ],
      }) as Error,
    );
  });
});
