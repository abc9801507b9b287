import fc from 'fast-check';
import {
  addDays,
  addMonths,
  calendarDate,
  daysInclusive,
  lastDayOfMonth,
  withDayOfMonthClamped,
} from './calendar-date';

describe('calendar dates', () => {
  it('clamps month arithmetic to the end of the month', () => {
    expect(addMonths(calendarDate('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(calendarDate('2028-01-31'), 1)).toBe('2028-02-29');
    expect(withDayOfMonthClamped(calendarDate('2026-04-10'), 31)).toBe('2026-04-30');
    expect(lastDayOfMonth(calendarDate('2028-02-03'))).toBe('2028-02-29');
  });

  it('counts days with both ends included', () => {
    expect(daysInclusive(calendarDate('2026-01-15'), calendarDate('2026-01-31'))).toBe(17);
    expect(daysInclusive(calendarDate('2025-11-01'), calendarDate('2026-01-31'))).toBe(92);
  });

  it('rejects impossible dates', () => {
    expect(() => calendarDate('2026-02-29')).toThrow(/valid calendar date/);
    expect(() => calendarDate('2026-2-1')).toThrow(/YYYY-MM-DD/);
  });

  it('adding days then subtracting them is the identity', () => {
    const anyDate = fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => calendarDate(d.toISOString().slice(0, 10)));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
      }),
    );
  });
});
