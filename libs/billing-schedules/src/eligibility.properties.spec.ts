import fc from 'fast-check';
import { addDays, calendarDate } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { stateAfterInvoicing, stateFromStart } from './billing-progress';
import { checkEligibility, checkEligibleLineCount } from './eligibility';
import type { BillingScheduleState } from './state';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

const day0 = calendarDate('2026-01-01');

const termsArbitrary = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 400 }),
    lengthInDays: fc.option(fc.integer({ min: 1, max: 800 })),
    cancelAfterDays: fc.option(fc.integer({ min: 1, max: 800 })),
    billingTermUnit: fc.constantFrom<BillingScheduleTerms['billingTermUnit'][]>('Month', 'Quarter', 'Year'),
    billDayOfMonth: fc.option(fc.integer({ min: 1, max: 31 })),
    partialPeriodTreatment: fc.constantFrom<('Separate' | 'Combine')[]>('Separate', 'Combine'),
    billingType: fc.constantFrom<('Advance' | 'Arrears')[]>('Advance', 'Arrears'),
    // Mostly priceable recurring schedules, so that most draws reach the period count.
    unitPrice: fc.constantFrom<(string | null)[]>('200.00', '200.00', '200.00', '0.01', '0.00', null),
    chargeType: fc.constantFrom<BillingScheduleTerms['chargeType'][]>(
      'Recurring',
      'Recurring',
      'Recurring',
      'OneTime',
      'Usage',
    ),
    suspension: fc.option(
      fc.record({
        fromOffset: fc.integer({ min: 0, max: 700 }),
        days: fc.option(fc.integer({ min: 1, max: 200 })),
      }),
    ),
  })
  .map((drawn): BillingScheduleTerms => {
    const startDate = addDays(day0, drawn.startOffset);
    const endDate = drawn.lengthInDays === null ? null : addDays(startDate, drawn.lengthInDays - 1);
    const cancellationDate =
      drawn.cancelAfterDays === null ? null : addDays(startDate, drawn.cancelAfterDays);
    const suspension =
      drawn.suspension === null
        ? null
        : {
            from: addDays(day0, drawn.suspension.fromOffset),
            resumeOn:
              drawn.suspension.days === null
                ? null
                : addDays(day0, drawn.suspension.fromOffset + drawn.suspension.days),
          };
    return someTerms({
      startDate,
      endDate,
      cancellationDate,
      billingTermUnit: drawn.billingTermUnit,
      billDayOfMonth: drawn.billDayOfMonth,
      partialPeriodTreatment: drawn.partialPeriodTreatment,
      billingType: drawn.billingType,
      unitPrice: drawn.unitPrice,
      chargeType: drawn.chargeType,
      suspension,
    });
  });

/** The schedule as created, or after a run billed its first periods as of an earlier date. */
function stateBilledUpTo(terms: BillingScheduleTerms, billedAsOfOffset: number | null): BillingScheduleState {
  const fresh = stateFromStart(terms);
  if (billedAsOfOffset === null) return fresh;
  const periods = billablePeriods(terms, fresh, addDays(day0, billedAsOfOffset), null);
  if (periods.length === 0) return fresh;
  const invoice = { runId: 'run-0', invoiceId: 'inv-0', invoiceStatus: 'Posted' } as const;
  return stateAfterInvoicing(terms, fresh, invoice, periods);
}

describe('checkEligibleLineCount (filtering: dates only, nothing priced)', () => {
  it('gives the outcome, reason and number of periods checkEligibility gives (property)', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.option(fc.integer({ min: 0, max: 900 })),
        fc.integer({ min: 0, max: 1200 }),
        fc.option(fc.integer({ min: 1, max: 12 })),
        (terms, billedAsOfOffset, targetOffset, billingPeriodCount) => {
          const state = stateBilledUpTo(terms, billedAsOfOffset);
          const request = { targetDate: addDays(day0, targetOffset), billingPeriodCount };

          const priced = checkEligibility(terms, state, request);
          const counted = checkEligibleLineCount(terms, state, request);

          expect(counted).toEqual(
            priced.outcome === 'Due'
              ? { outcome: 'Due', lineCount: priced.periods.length }
              : { outcome: 'Excluded', reason: priced.reason },
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
