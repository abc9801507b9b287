import { instant } from '@invoice-engine/kernel';
import { nextFireTime } from './next-fire-time';
import { schedulerRunDates } from './run-dates';
import type { SchedulerDefinition } from './scheduler-definition';
import { aSchedulerDefinition } from './scheduler-definition.fixture';
import type { InvoiceBatchSchedulerState } from './scheduler-state';
import { validSchedulerDefinition } from './valid-scheduler-definition';

function active(overrides: Partial<SchedulerDefinition>): InvoiceBatchSchedulerState {
  return {
    status: 'Active',
    schedulerId: 's',
    definition: validSchedulerDefinition(aSchedulerDefinition(overrides)),
    lastFireTime: null,
  };
}

function next(state: InvoiceBatchSchedulerState, now: string): string | null {
  return nextFireTime(state, instant(now));
}

describe('fire times in the scheduler time zone', () => {
  describe('when the scheduler is in Asia/Tokyo (UTC+9, no daylight saving)', () => {
    const tokyo = active({ timeZone: 'Asia/Tokyo', preferredTime: '08:00' });
    it('fires at 08:00 Tokyo, which is 23:00 UTC the day before', () => {
      expect(next(tokyo, '2026-01-05T22:59:00Z')).toBe('2026-01-05T23:00:00.000Z');
    });
    it('dates the run on the Tokyo calendar', () => {
      if (tokyo.status === 'NotCreated') throw new Error('unreachable');
      expect(schedulerRunDates(tokyo.definition, instant('2026-01-05T23:00:00Z')).runDate).toBe('2026-01-06');
    });
    it('judges weekends on the Tokyo calendar', () => {
      // Friday 2026-01-09 23:00 UTC is Saturday 08:00 in Tokyo: moved to Monday 08:00 Tokyo.
      const businessDays = active({
        timeZone: 'Asia/Tokyo',
        preferredTime: '08:00',
        excludeWeekendsAndHolidays: true,
      });
      expect(next(businessDays, '2026-01-08T23:00:00Z')).toBe('2026-01-11T23:00:00.000Z');
    });
    it('starts on the start date in Tokyo even though it is still the day before in UTC', () => {
      expect(next(tokyo, '2025-12-31T00:00:00Z')).toBe('2025-12-31T23:00:00.000Z');
    });
  });

  describe('when the scheduler is in Pacific/Auckland (UTC+13 in summer, +12 in winter)', () => {
    const auckland = active({ timeZone: 'Pacific/Auckland', preferredTime: '09:00' });
    it('fires at 09:00 NZDT in January (20:00 UTC the day before)', () => {
      expect(next(auckland, '2026-01-09T12:00:00Z')).toBe('2026-01-09T20:00:00.000Z');
    });
    it('follows the clock across the end of daylight saving on 2026-04-05', () => {
      expect(next(auckland, '2026-04-03T00:00:00Z')).toBe('2026-04-03T20:00:00.000Z');
      expect(next(auckland, '2026-04-03T20:00:00Z')).toBe('2026-04-04T21:00:00.000Z');
    });
    it('moves a preferred time inside the spring-forward gap later by the gap (02:30 → 03:30)', () => {
      const early = active({ timeZone: 'Pacific/Auckland', preferredTime: '02:30' });
      // 2026-09-27 02:00 NZST jumps to 03:00 NZDT; 03:30 NZDT = 14:30 UTC the day before.
      expect(next(early, '2026-09-26T00:00:00Z')).toBe('2026-09-26T14:30:00.000Z');
      expect(next(early, '2026-09-26T14:30:00Z')).toBe('2026-09-27T13:30:00.000Z');
    });
  });

  describe('when the scheduler is in America/Los_Angeles (UTC-8, -7 in summer)', () => {
    const losAngeles = active({ timeZone: 'America/Los_Angeles', preferredTime: '02:30' });
    it('fires at 02:30 PST before the change', () => {
      expect(next(losAngeles, '2026-03-07T00:00:00Z')).toBe('2026-03-07T10:30:00.000Z');
    });
    it('moves 02:30 on the spring-forward day 2026-03-08, which does not exist, to 03:30 PDT', () => {
      expect(next(losAngeles, '2026-03-07T10:30:00Z')).toBe('2026-03-08T10:30:00.000Z');
    });
    it('fires at 02:30 PDT after the change', () => {
      expect(next(losAngeles, '2026-03-08T10:30:00Z')).toBe('2026-03-09T09:30:00.000Z');
    });
    it('fires once, at the first 01:30, on the fall-back day 2026-11-01', () => {
      const night = active({ timeZone: 'America/Los_Angeles', preferredTime: '01:30' });
      expect(next(night, '2026-11-01T00:00:00Z')).toBe('2026-11-01T08:30:00.000Z');
      // The second 01:30 (09:30 UTC, PST) is skipped: the next firing is the following day.
      expect(next(night, '2026-11-01T08:30:00Z')).toBe('2026-11-02T09:30:00.000Z');
    });
    it('dates an evening run on the Los Angeles calendar, the day before the UTC date', () => {
      const evening = active({ timeZone: 'America/Los_Angeles', preferredTime: '17:00' });
      const fireTime = next(evening, '2026-01-05T20:00:00Z');
      expect(fireTime).toBe('2026-01-06T01:00:00.000Z');
      if (evening.status === 'NotCreated' || fireTime === null) throw new Error('unreachable');
      expect(schedulerRunDates(evening.definition, instant(fireTime)).runDate).toBe('2026-01-05');
    });
    it('fires a Weekly Friday scheduler on the Los Angeles Friday, which is Saturday in UTC', () => {
      const fridays = active({
        timeZone: 'America/Los_Angeles',
        preferredTime: '18:00',
        frequency: 'Weekly',
        weeklyDays: ['Friday'],
        excludeWeekendsAndHolidays: true,
      });
      // Friday 2026-01-09 18:00 PST = Saturday 02:00 UTC; a business day in Los Angeles.
      expect(next(fridays, '2026-01-05T00:00:00Z')).toBe('2026-01-10T02:00:00.000Z');
    });
    it('takes a month-end target date from the Los Angeles run date, not from the UTC date', () => {
      const monthEnd = active({
        timeZone: 'America/Los_Angeles',
        preferredTime: '20:00',
        frequency: 'Monthly',
        monthlyDay: 'Last',
        targetDate: { kind: 'DayOfMonth', day: 'Last', monthOffset: 0 },
        invoiceDate: { kind: 'OffsetFromTargetDate', days: 1 },
      });
      // 2026-01-31 20:00 PST is 2026-02-01 04:00 UTC; the run belongs to January.
      const fireTime = next(monthEnd, '2026-01-20T00:00:00Z');
      expect(fireTime).toBe('2026-02-01T04:00:00.000Z');
      if (monthEnd.status === 'NotCreated' || fireTime === null) throw new Error('unreachable');
      expect(schedulerRunDates(monthEnd.definition, instant(fireTime))).toEqual({
        runDate: '2026-01-31',
        targetDate: '2026-01-31',
        invoiceDate: '2026-02-01',
      });
    });
  });
});
