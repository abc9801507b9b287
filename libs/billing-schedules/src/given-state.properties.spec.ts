import fc from 'fast-check';
import { addDays, instant } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { history, stateOf, when } from './decider/decider.fixture';
import { day0, termsArbitrary } from './terms.arbitrary.fixture';

function position(state: ReturnType<typeof stateOf>) {
  if (state.status === 'NotCreated') throw new Error('no schedule');
  const { status, invoiceRunProcessingStatus, nextChargeFromDate, nextBillingDate } = state;
  const { billedThroughDate, billedAmount, pendingAmount } = state;
  return {
    status,
    invoiceRunProcessingStatus,
    nextChargeFromDate,
    nextBillingDate,
    billedThroughDate,
    billedAmount,
    pendingAmount,
  };
}

describe('a schedule given as billed through a date (property)', () => {
  it('has the state of the same schedule billed from its start through that date', () => {
    fc.assert(
      fc.property(termsArbitrary, fc.integer({ min: 0, max: 1300 }), (terms, daysAfterStart) => {
        const created = history({ type: 'CreateBillingSchedule', terms });
        const billedState = stateOf(created);
        if (billedState.status === 'NotCreated') throw new Error('no schedule');
        const targetDate = addDays(terms.startDate ?? day0, daysAfterStart);
        const periods = billablePeriods(terms, billedState, targetDate, null);
        const billed =
          periods.length === 0
            ? created
            : [
                ...created,
                ...when(created, {
                  type: 'InvoiceBillingSchedulePeriods',
                  billingScheduleId: terms.id,
                  runId: 'run-1',
                  runStartedAt: instant('2026-01-01T00:00:00.000Z'),
                  invoiceId: 'inv-1',
                  invoiceStatus: 'Posted',
                  periods,
                }),
              ];
        const expected = position(stateOf(billed));
        const given = history({
          type: 'CreateBillingSchedule',
          terms,
          givenState: { nextChargeFromDate: expected.nextChargeFromDate ?? undefined },
        });
        expect(position(stateOf(given))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
