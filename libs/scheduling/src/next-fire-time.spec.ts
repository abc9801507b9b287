import { calendarDate, instant, type Instant } from '@invoice-engine/kernel';
import { nextFireTime } from './next-fire-time';
import type { SchedulerDefinition } from './scheduler-definition';
import { aOnceSchedulerDefinition, aSchedulerDefinition } from './scheduler-definition.fixture';
import type { InvoiceBatchSchedulerState, SchedulerStatus } from './scheduler-state';
import { validSchedulerDefinition } from './valid-scheduler-definition';

function scheduler(
  overrides: Partial<SchedulerDefinition>,
  status: SchedulerStatus = 'Active',
  lastFireTime: Instant | null = null,
): InvoiceBatchSchedulerState {
  return {
    status,
    schedulerId: 's',
    definition: validSchedulerDefinition(aSchedulerDefinition(overrides)),
    lastFireTime,
  };
}

function next(state: InvoiceBatchSchedulerState, now: string): string | null {
  return nextFireTime(state, instant(now));
}

/** The successive fire times after `now`, to read a calendar at a glance. */
function fireTimes(state: InvoiceBatchSchedulerState, now: string, count: number): readonly string[] {
  const times: string[] = [];
  let after = instant(now);
  for (let index = 0; index < count; index += 1) {
    const fireTime = nextFireTime(state, after);
    if (fireTime === null) break;
    times.push(fireTime);
    after = fireTime;
  }
  return times;
}

const dates = (times: readonly string[]) => times.map((time) => time.slice(0, 10));

describe('next fire time', () => {
  describe('when the scheduler fires daily at 06:00 UTC from 2026-01-01', () => {
    const daily = scheduler({});
    it('fires first on the start date', () =>
      expect(next(daily, '2025-11-20T00:00:00Z')).toBe('2026-01-01T06:00:00.000Z'));
    it('fires later the same day when the time is still ahead', () => {
      expect(next(daily, '2026-01-05T05:59:59Z')).toBe('2026-01-05T06:00:00.000Z');
    });
    it('is strictly after now: at the fire time it answers the next day', () => {
      expect(next(daily, '2026-01-05T06:00:00Z')).toBe('2026-01-06T06:00:00.000Z');
    });
    it('never answers a time at or before the last recorded firing', () => {
      const fired = scheduler({}, 'Active', instant('2026-01-09T06:00:00Z'));
      expect(next(fired, '2026-01-05T07:00:00Z')).toBe('2026-01-10T06:00:00.000Z');
    });
  });

  describe('when weekends and holidays are excluded', () => {
    it('moves Saturday and Sunday to Monday and fires once there', () => {
      const daily = scheduler({ excludeWeekendsAndHolidays: true });
      expect(dates(fireTimes(daily, '2026-01-02T07:00:00Z', 3))).toEqual([
        '2026-01-05',
        '2026-01-06',
        '2026-01-07',
      ]);
    });
    it('moves a holiday to the next business day', () => {
      const daily = scheduler({ excludeWeekendsAndHolidays: true, holidays: [calendarDate('2026-01-06')] });
      expect(dates(fireTimes(daily, '2026-01-05T07:00:00Z', 2))).toEqual(['2026-01-07', '2026-01-08']);
    });
    it('moves a Friday holiday over the weekend to Monday', () => {
      const weekly = scheduler({
        frequency: 'Weekly',
        weeklyDays: ['Friday'],
        excludeWeekendsAndHolidays: true,
        holidays: [calendarDate('2026-12-25')],
      });
      expect(dates(fireTimes(weekly, '2026-12-19T00:00:00Z', 2))).toEqual(['2026-12-28', '2027-01-01']);
    });
    it('keeps weekend fire dates when exclusion is off', () => {
      expect(dates(fireTimes(scheduler({}), '2026-01-02T07:00:00Z', 2))).toEqual([
        '2026-01-03',
        '2026-01-04',
      ]);
    });
  });

  describe('when the scheduler fires weekly', () => {
    it('fires on each chosen weekday', () => {
      const weekly = scheduler({ frequency: 'Weekly', weeklyDays: ['Thursday', 'Monday'] });
      expect(dates(fireTimes(weekly, '2026-01-01T07:00:00Z', 4))).toEqual([
        '2026-01-05',
        '2026-01-08',
        '2026-01-12',
        '2026-01-15',
      ]);
    });
    it('moves a Saturday to Monday when weekends are excluded', () => {
      const weekly = scheduler({
        frequency: 'Weekly',
        weeklyDays: ['Saturday'],
        excludeWeekendsAndHolidays: true,
      });
      expect(dates(fireTimes(weekly, '2026-01-01T00:00:00Z', 2))).toEqual(['2026-01-05', '2026-01-12']);
    });
  });

  describe('when the scheduler fires monthly', () => {
    it.each([
      [15, '2026-01-15T06:00:00Z', ['2026-02-15', '2026-03-15']],
      [28, '2026-01-01T00:00:00Z', ['2026-01-28', '2026-02-28']],
      ['Last', '2026-01-31T07:00:00Z', ['2026-02-28', '2026-03-31', '2026-04-30']],
      ['Last', '2028-01-31T07:00:00Z', ['2028-02-29', '2028-03-31']],
      ['SecondToLast', '2028-02-01T00:00:00Z', ['2028-02-28', '2028-03-30']],
      ['ThirdToLast', '2026-02-01T00:00:00Z', ['2026-02-26', '2026-03-29']],
    ] as const)('on day %s after %s fires on %j', (monthlyDay, now, expected) => {
      const monthly = scheduler({ frequency: 'Monthly', monthlyDay });
      expect(dates(fireTimes(monthly, now, expected.length))).toEqual(expected);
    });

    it.each([
      ['Second', 'Tuesday', ['2026-01-13', '2026-02-10']],
      ['Last', 'Friday', ['2026-01-30', '2026-02-27']],
      ['First', 'Monday', ['2026-01-05', '2026-02-02']],
      ['Fourth', 'Thursday', ['2026-01-22', '2026-02-26']],
    ] as const)('on the %s %s fires on %j', (ordinal, weekday, expected) => {
      const monthly = scheduler({ frequency: 'Monthly', nthWeekday: { ordinal, weekday } });
      expect(dates(fireTimes(monthly, '2026-01-01T00:00:00Z', 2))).toEqual(expected);
    });

    it('moves a month end on a Saturday to Monday when weekends are excluded, into the next month', () => {
      // 2026-01-31 and 2026-02-28 are Saturdays.
      const monthly = scheduler({
        frequency: 'Monthly',
        monthlyDay: 'Last',
        excludeWeekendsAndHolidays: true,
      });
      expect(dates(fireTimes(monthly, '2026-01-30T00:00:00Z', 3))).toEqual([
        '2026-02-02',
        '2026-03-02',
        '2026-03-31',
      ]);
    });
  });

  describe('when the scheduler fires once', () => {
    const once = (lastFireTime: Instant | null = null): InvoiceBatchSchedulerState => ({
      status: 'Active',
      schedulerId: 's',
      definition: validSchedulerDefinition(aOnceSchedulerDefinition()),
      lastFireTime,
    });
    it('fires at its start date and time', () =>
      expect(next(once(), '2026-02-01T00:00:00Z')).toBe('2026-03-02T06:00:00.000Z'));
    it('has no fire time once that time has passed', () =>
      expect(next(once(), '2026-03-02T06:00:00Z')).toBeNull());
    it('has no fire time once it fired', () => {
      expect(next(once(instant('2026-03-02T06:00:00Z')), '2026-02-01T00:00:00Z')).toBeNull();
    });
  });

  describe('when the scheduler has an end date', () => {
    it('fires on the end date and never after it', () => {
      const ending = scheduler({ endDate: calendarDate('2026-01-03') });
      expect(dates(fireTimes(ending, '2026-01-01T07:00:00Z', 5))).toEqual(['2026-01-02', '2026-01-03']);
    });
    it('does not move a fire date past the end date', () => {
      // Saturday 2026-01-03 would move to Monday, after the end.
      const ending = scheduler({ endDate: calendarDate('2026-01-03'), excludeWeekendsAndHolidays: true });
      expect(dates(fireTimes(ending, '2026-01-01T07:00:00Z', 5))).toEqual(['2026-01-02']);
    });
  });

  it.each(['Draft', 'Inactive', 'Canceled'] as const)('never fires a %s scheduler', (status) => {
    expect(next(scheduler({}, status), '2026-01-01T00:00:00Z')).toBeNull();
  });
});
