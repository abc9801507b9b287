import fc from 'fast-check';
import { addDays, calendarDate, instant, type CalendarDate } from '@invoice-engine/kernel';
import { fireTimeOn, isScheduledFireTime, nextFireTime } from './next-fire-time';
import {
  RELATIVE_MONTH_DAYS,
  WEEKDAY_ORDINALS,
  WEEKDAYS,
  type SchedulerDefinition,
  type Weekday,
} from './scheduler-definition';
import { aSchedulerDefinition } from './scheduler-definition.fixture';
import { validSchedulerDefinition } from './valid-scheduler-definition';

const TIME_ZONES = [
  'UTC',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/Los_Angeles',
  'Europe/Berlin',
];
const ZONES_WITHOUT_DAYLIGHT_SAVING = ['UTC', 'Asia/Tokyo', 'Asia/Kolkata'];

const anyDate = (from: string, days: number) =>
  fc.integer({ min: 0, max: days }).map((offset) => addDays(calendarDate(from), offset));

const anyRecurrence: fc.Arbitrary<Partial<SchedulerDefinition>> = fc.oneof(
  fc.constant({ frequency: 'Once' as const }),
  fc.constant({ frequency: 'Daily' as const }),
  fc
    .subarray([...WEEKDAYS], { minLength: 1 })
    .map((weeklyDays) => ({ frequency: 'Weekly' as const, weeklyDays })),
  fc
    .oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(...RELATIVE_MONTH_DAYS))
    .map((monthlyDay) => ({ frequency: 'Monthly' as const, monthlyDay })),
  fc
    .record({ ordinal: fc.constantFrom(...WEEKDAY_ORDINALS), weekday: fc.constantFrom(...WEEKDAYS) })
    .map((nthWeekday) => ({ frequency: 'Monthly' as const, nthWeekday })),
);

const anyDefinition: fc.Arbitrary<SchedulerDefinition> = fc
  .record({
    recurrence: anyRecurrence,
    startDate: anyDate('2025-01-01', 1800),
    endAfterDays: fc.option(fc.integer({ min: 0, max: 800 })),
    timeZone: fc.constantFrom(...TIME_ZONES),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    excludeWeekendsAndHolidays: fc.boolean(),
    holidayOffsets: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 12 }),
  })
  .map(({ recurrence, startDate, endAfterDays, hour, minute, holidayOffsets, ...rest }) =>
    validSchedulerDefinition(
      aSchedulerDefinition({
        ...recurrence,
        ...rest,
        startDate,
        endDate: endAfterDays === null ? null : addDays(startDate, endAfterDays),
        preferredTime: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
        holidays: holidayOffsets.map((offset) => addDays(startDate, offset)),
        ...(recurrence.frequency === 'Once'
          ? {
              targetDate: { kind: 'Fixed', date: startDate },
              invoiceDate: { kind: 'Fixed', date: startDate },
            }
          : {}),
      }),
    ),
  );

const anyNow = fc
  .integer({ min: Date.parse('2024-06-01T00:00:00Z'), max: Date.parse('2031-06-01T00:00:00Z') })
  .map((millis) => instant(new Date(millis).toISOString()));

/** The wall clock in a zone read through Intl (ICU), independently of js-joda. */
function wallClock(at: string, timeZone: string): { date: CalendarDate; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return {
    date: calendarDate(`${part('year')}-${part('month')}-${part('day')}`),
    time: `${part('hour')}:${part('minute')}`,
  };
}

const weekdayOf = (date: string): Weekday =>
  WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] ?? 'Monday';
const dayOf = (date: string) => Number(date.slice(8, 10));
const monthLength = (date: string) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

function isBusinessDay(definition: SchedulerDefinition, date: CalendarDate): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 'Saturday' && weekday !== 'Sunday' && !definition.holidays.includes(date);
}

/** The recurrence rule, restated with plain Date arithmetic. */
function isNamedByRecurrence(definition: SchedulerDefinition, date: CalendarDate): boolean {
  if (date < definition.startDate) return false;
  if (definition.frequency === 'Once') return date === definition.startDate;
  if (definition.frequency === 'Daily') return true;
  if (definition.frequency === 'Weekly') return definition.weeklyDays.includes(weekdayOf(date));
  const { monthlyDay, nthWeekday } = definition;
  if (nthWeekday !== null) {
    if (weekdayOf(date) !== nthWeekday.weekday) return false;
    if (nthWeekday.ordinal === 'Last') return dayOf(date) + 7 > monthLength(date);
    return Math.ceil(dayOf(date) / 7) === WEEKDAY_ORDINALS.indexOf(nthWeekday.ordinal) + 1;
  }
  const fromEnd = { Last: 0, SecondToLast: 1, ThirdToLast: 2 } as const;
  const day = typeof monthlyDay === 'number' ? monthlyDay : monthLength(date) - fromEnd[monthlyDay ?? 'Last'];
  return dayOf(date) === day;
}

/** An allowed day: named by the recurrence, or the business day a named day moved to. */
function isAllowedFireDay(definition: SchedulerDefinition, date: CalendarDate): boolean {
  if (definition.endDate !== null && date > definition.endDate) return false;
  if (!definition.excludeWeekendsAndHolidays) return isNamedByRecurrence(definition, date);
  if (!isBusinessDay(definition, date)) return false;
  let candidate = date;
  do {
    if (isNamedByRecurrence(definition, candidate)) return true;
    candidate = addDays(candidate, -1);
  } while (!isBusinessDay(definition, candidate) && candidate >= definition.startDate);
  return false;
}

describe('next fire time properties', () => {
  it('is strictly after now, on an allowed day, at the preferred wall-clock time', () => {
    fc.assert(
      fc.property(anyDefinition, anyNow, (definition, now) => {
        const fireTime = nextFireTime(
          { status: 'Active', schedulerId: 's', definition, lastFireTime: null },
          now,
        );
        if (fireTime === null) return;
        expect(Date.parse(fireTime)).toBeGreaterThan(Date.parse(now));
        const { date, time } = wallClock(fireTime, definition.timeZone);
        expect(isAllowedFireDay(definition, date)).toBe(true);
        if (ZONES_WITHOUT_DAYLIGHT_SAVING.includes(definition.timeZone))
          expect(time).toBe(definition.preferredTime);
        expect(isScheduledFireTime(definition, fireTime)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('skips no allowed day between now and the next fire time', () => {
    fc.assert(
      fc.property(anyDefinition, anyNow, (definition, now) => {
        const fireTime = nextFireTime(
          { status: 'Active', schedulerId: 's', definition, lastFireTime: null },
          now,
        );
        const lastDay =
          fireTime === null
            ? addDays(wallClock(now, definition.timeZone).date, 60)
            : wallClock(fireTime, definition.timeZone).date;
        for (
          let date = addDays(wallClock(now, definition.timeZone).date, -1);
          date < lastDay;
          date = addDays(date, 1)
        ) {
          if (isAllowedFireDay(definition, date)) {
            expect(Date.parse(fireTimeOn(definition, date))).toBeLessThanOrEqual(Date.parse(now));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
