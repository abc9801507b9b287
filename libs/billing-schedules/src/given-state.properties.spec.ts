import fc from 'fast-check';
import { addDays, calendarDate, currencyCode, instant, money } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { history, stateOf, when } from './decider/decider.fixture';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

const day0 = calendarDate('2026-01-01');

const termsArbitrary = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 400 }),
    lengthInDays: fc.option(fc.integer({ min: 1, max: 800 })),
    billingTermUnit: fc.constantFrom<BillingScheduleTerms['billingTermUnit'][]>('Month', 'Quarter', 'Year'),
    billDayOfMonth: fc.option(fc.integer({ min: 1, max: 31 })),
    partialPeriodTreatment: fc.constantFrom<('Separate' | 'Combine')[]>('Separate', 'Combine'),
    billingType: fc.constantFrom<('Advance' | 'Arrears')[]>('Advance', 'Arrears'),
    orderAmountMinorUnits: fc.option(fc.bigInt({ min: 1n, max: 10_000_000n })),
  })
  .map((drawn): BillingScheduleTerms => {
    const startDate = addDays(day0, drawn.startOffset);
    const endDate = drawn.lengthInDays === null ? null : addDays(startDate, drawn.lengthInDays - 1);
    const orderAmount = endDate !== null && drawn.orderAmountMinorUnits !== null;
    return someTerms({
      startDate,
      endDate,
      billingTermUnit: drawn.billingTermUnit,
      billDayOfMonth: drawn.billDayOfMonth,
      partialPeriodTreatment: drawn.partialPeriodTreatment,
      billingType: drawn.billingType,
      billingMethod: orderAmount ? 'OrderAmount' : 'Evergreen',
      totalAmount: orderAmount ? money(drawn.orderAmountMinorUnits ?? 0n, currencyCode('USD')) : null,
    });
  });

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
