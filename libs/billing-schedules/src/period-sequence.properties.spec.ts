import fc from 'fast-check';
import { addDays, calendarDate, isBefore, type CalendarDate } from '@invoice-engine/kernel';
import { billingPeriods, type BillingPeriod } from './billing-period';
import { PeriodSequence } from './period-sequence';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

const day0 = calendarDate('2024-01-01');

const termsArbitrary = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 2000 }),
    lastDayAfter: fc.option(fc.integer({ min: -5, max: 3000 })),
    billingTermUnit: fc.constantFrom<BillingScheduleTerms['billingTermUnit'][]>(
      'Month',
      'Quarter',
      'SemiAnnual',
      'Year',
    ),
    billingTerm: fc.integer({ min: 1, max: 3 }),
    billDayOfMonth: fc.option(fc.integer({ min: 1, max: 31 })),
    partialPeriodTreatment: fc.constantFrom<('Separate' | 'Combine')[]>('Separate', 'Combine'),
    oneTime: fc.boolean(),
  })
  .map((drawn) => {
    const startDate = addDays(day0, drawn.startOffset);
    const terms = someTerms({
      startDate,
      billingTermUnit: drawn.oneTime ? 'OneTime' : drawn.billingTermUnit,
      pricingTermUnit: drawn.oneTime ? 'OneTime' : 'Month',
      chargeType: drawn.oneTime ? 'OneTime' : 'Recurring',
      billingTerm: drawn.billingTerm,
      billDayOfMonth: drawn.billDayOfMonth,
      partialPeriodTreatment: drawn.partialPeriodTreatment,
    });
    const lastDay = drawn.lastDayAfter === null ? null : addDays(startDate, drawn.lastDayAfter);
    return { terms, lastDay };
  });

/** The periods generated one after the other from the start date, as many as `count`. */
function walked(terms: BillingScheduleTerms, lastDay: CalendarDate | null, count: number): BillingPeriod[] {
  const periods: BillingPeriod[] = [];
  for (const period of billingPeriods(terms, lastDay)) {
    if (periods.length >= count) break;
    periods.push(period);
  }
  return periods;
}

describe('a schedule period sequence read from a date (property)', () => {
  it('gives the periods the walk from the start date gives, from the first one starting on or after the date', () => {
    fc.assert(
      fc.property(termsArbitrary, fc.integer({ min: -40, max: 3000 }), ({ terms, lastDay }, dateOffset) => {
        const date = addDays(terms.startDate ?? day0, dateOffset);
        const sequence = new PeriodSequence(terms, lastDay);
        const index = sequence.indexFrom(date);
        const read = [0, 1, 2].map((step) => sequence.at(index + step));
        const all = walked(terms, lastDay, index + 3);
        const expectedIndex = all.findIndex((period) => !isBefore(period.periodStart, date));
        // With no period on or after the date, any index past the last one will do: nothing is there.
        if (expectedIndex < 0) expect(index).toBeGreaterThanOrEqual(all.length);
        else expect(index).toBe(expectedIndex);
        expect(read).toEqual([0, 1, 2].map((step) => all[index + step]));
        // And from the start, as a spread over all the periods reads them.
        expect([0, 1, 2].map((step) => sequence.at(step))).toEqual([0, 1, 2].map((step) => all[step]));
      }),
      { numRuns: 500 },
    );
  });
});
