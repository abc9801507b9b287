import fc from 'fast-check';
import { addDays } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { stateAfterInvoicing, stateFromStart } from './billing-progress';
import { checkEligibility, checkEligibleLineCount } from './eligibility';
import type { BillingScheduleState } from './state';
import type { BillingScheduleTerms } from './terms';
import { day0, termsArbitrary } from './terms.arbitrary.fixture';

/** The drawn schedules, with the terms eligibility also looks at: cancellation, price, charge type, suspension. */
const eligibilityTermsArbitrary = fc
  .record({
    terms: termsArbitrary,
    cancelAfterDays: fc.option(fc.integer({ min: 1, max: 800 })),
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
  .map(({ terms, cancelAfterDays, unitPrice, chargeType, suspension }): BillingScheduleTerms => ({
    ...terms,
    cancellationDate:
      cancelAfterDays === null || terms.startDate === null ? null : addDays(terms.startDate, cancelAfterDays),
    unitPrice,
    chargeType,
    suspension:
      suspension === null
        ? null
        : {
            from: addDays(day0, suspension.fromOffset),
            resumeOn:
              suspension.days === null ? null : addDays(day0, suspension.fromOffset + suspension.days),
          },
  }));

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
        eligibilityTermsArbitrary,
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
