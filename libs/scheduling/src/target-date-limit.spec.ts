import fc from 'fast-check';
import { addDays, calendarDate, type CalendarDate } from '@invoice-engine/kernel';
import {
  assertTargetDateWithinLimit,
  DEFAULT_MAX_TARGET_DATE_OFFSET_MONTHS,
  isTargetDateWithinLimit,
  latestAllowedTargetDate,
} from './target-date-limit';

const refused = expect.objectContaining({ code: 'TARGET_DATE_OUT_OF_RANGE', kind: 'validation' }) as Error;

describe('target date limit', () => {
  describe('with the default limit of 12 months from 2026-03-15', () => {
    const today = calendarDate('2026-03-15');
    it('defaults to 12 months', () => expect(DEFAULT_MAX_TARGET_DATE_OFFSET_MONTHS).toBe(12));
    it('accepts a target date exactly at the limit', () => {
      expect(assertTargetDateWithinLimit(calendarDate('2027-03-15'), today)).toBe('2027-03-15');
    });
    it('refuses a target date one day after the limit', () => {
      expect(() => assertTargetDateWithinLimit(calendarDate('2027-03-16'), today)).toThrow(refused);
      expect(() => assertTargetDateWithinLimit(calendarDate('2027-03-16'), today)).toThrow(
        'Target date 2027-03-16 is later than 2027-03-15 (today 2026-03-15 + 12 months)',
      );
    });
    it('accepts today and past target dates', () => {
      expect(isTargetDateWithinLimit(today, today)).toBe(true);
      expect(isTargetDateWithinLimit(calendarDate('2020-01-01'), today)).toBe(true);
    });
  });

  describe('when month arithmetic meets a shorter month', () => {
    const today = calendarDate('2026-01-31');
    it('clamps 2026-01-31 + 1 month to 2026-02-28', () => {
      expect(latestAllowedTargetDate(today, 1)).toBe('2026-02-28');
      expect(assertTargetDateWithinLimit(calendarDate('2026-02-28'), today, 1)).toBe('2026-02-28');
      expect(() => assertTargetDateWithinLimit(calendarDate('2026-03-01'), today, 1)).toThrow(refused);
    });
    it('reaches 2028-02-29 in a leap year', () => {
      expect(latestAllowedTargetDate(calendarDate('2027-02-28'), 12)).toBe('2028-02-28');
      expect(latestAllowedTargetDate(calendarDate('2028-01-31'), 1)).toBe('2028-02-29');
      expect(latestAllowedTargetDate(calendarDate('2028-02-29'), 12)).toBe('2029-02-28');
    });
  });

  it('with a limit of 0 months accepts nothing after today', () => {
    const today = calendarDate('2026-06-30');
    expect(isTargetDateWithinLimit(today, today, 0)).toBe(true);
    expect(isTargetDateWithinLimit(calendarDate('2026-07-01'), today, 0)).toBe(false);
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => latestAllowedTargetDate(calendarDate('2026-01-01'), -1)).toThrow(/whole number of months/);
    expect(() => latestAllowedTargetDate(calendarDate('2026-01-01'), 1.5)).toThrow(/whole number of months/);
  });

  describe('properties', () => {
    const anyDate = fc
      .integer({ min: 0, max: 5000 })
      .map((days) => addDays(calendarDate('2020-01-01'), days));
    const anyMonths = fc.integer({ min: 0, max: 36 });
    const later = (date: CalendarDate, days: number) => addDays(date, days);

    it('is monotonic in the target date, today and the limit', () => {
      fc.assert(
        fc.property(
          anyDate,
          anyDate,
          anyMonths,
          fc.nat(400),
          fc.nat(400),
          fc.nat(24),
          (target, today, months, a, b, c) => {
            const accepted = isTargetDateWithinLimit(target, today, months);
            if (accepted) {
              expect(isTargetDateWithinLimit(later(target, -a), today, months)).toBe(true);
              expect(isTargetDateWithinLimit(target, later(today, b), months)).toBe(true);
              expect(isTargetDateWithinLimit(target, today, months + c)).toBe(true);
            } else {
              expect(isTargetDateWithinLimit(later(target, a), today, months)).toBe(false);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('accepts exactly up to the latest allowed date', () => {
      fc.assert(
        fc.property(anyDate, anyMonths, (today, months) => {
          const latest = latestAllowedTargetDate(today, months);
          expect(isTargetDateWithinLimit(latest, today, months)).toBe(true);
          expect(isTargetDateWithinLimit(addDays(latest, 1), today, months)).toBe(false);
        }),
        { numRuns: 200 },
      );
    });
  });
});
