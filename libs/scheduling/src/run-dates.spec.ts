import { calendarDate, instant } from '@invoice-engine/kernel';
import { invoiceDateFor, schedulerRunDates, targetDateFor } from './run-dates';
import { aOnceSchedulerDefinition, aSchedulerDefinition } from './scheduler-definition.fixture';

const runDate = calendarDate('2026-01-31');

describe('target dates', () => {
  it('is the given date for a Once scheduler', () => {
    expect(targetDateFor({ kind: 'Fixed', date: calendarDate('2026-03-31') }, runDate)).toBe('2026-03-31');
  });
  it.each([
    [0, '2026-01-31'],
    [1, '2026-02-01'],
    [-31, '2025-12-31'],
    [29, '2026-03-01'],
  ])('is the run date + %i days', (days, expected) => {
    expect(targetDateFor({ kind: 'OffsetFromRunDate', days }, runDate)).toBe(expected);
  });
  it.each([
    [15, 0, '2026-01-31', '2026-01-15'],
    ['Last', 1, '2026-01-31', '2026-02-28'],
    ['Last', 1, '2028-01-15', '2028-02-29'],
    [31, 1, '2026-01-31', '2026-02-28'],
    [31, 2, '2026-01-31', '2026-03-31'],
    [1, 1, '2026-12-05', '2027-01-01'],
    ['Last', -1, '2026-03-31', '2026-02-28'],
    [30, 0, '2026-04-10', '2026-04-30'],
  ] as const)(
    'is day %s of the month shifted by %i from run date %s: %s',
    (day, monthOffset, run, expected) => {
      expect(targetDateFor({ kind: 'DayOfMonth', day, monthOffset }, calendarDate(run))).toBe(expected);
    },
  );
});

describe('invoice dates', () => {
  const targetDate = calendarDate('2026-02-28');
  it('is the given date', () => {
    expect(invoiceDateFor({ kind: 'Fixed', date: calendarDate('2026-03-01') }, targetDate, runDate)).toBe(
      '2026-03-01',
    );
  });
  it('is the target date + offset', () => {
    expect(invoiceDateFor({ kind: 'OffsetFromTargetDate', days: 1 }, targetDate, runDate)).toBe('2026-03-01');
  });
  it('is the run date + offset when so set', () => {
    expect(invoiceDateFor({ kind: 'OffsetFromRunDate', days: 2 }, targetDate, runDate)).toBe('2026-02-02');
  });
});

describe('the dates of a fired run', () => {
  it('takes the run date from the fire instant in the scheduler zone', () => {
    const monthEnd = aSchedulerDefinition({
      timeZone: 'Pacific/Auckland',
      preferredTime: '07:00',
      targetDate: { kind: 'DayOfMonth', day: 'Last', monthOffset: 0 },
      invoiceDate: { kind: 'OffsetFromTargetDate', days: 1 },
    });
    // 2026-02-27T18:00Z is 07:00 on 2026-02-28 in Auckland (UTC+13).
    expect(schedulerRunDates(monthEnd, instant('2026-02-27T18:00:00Z'))).toEqual({
      runDate: '2026-02-28',
      targetDate: '2026-02-28',
      invoiceDate: '2026-03-01',
    });
  });
  it('keeps the fixed dates of a Once scheduler', () => {
    expect(schedulerRunDates(aOnceSchedulerDefinition(), instant('2026-03-02T06:00:00Z'))).toEqual({
      runDate: '2026-03-02',
      targetDate: '2026-03-31',
      invoiceDate: '2026-04-01',
    });
  });
});
