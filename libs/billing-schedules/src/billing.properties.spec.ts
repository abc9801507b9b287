import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  currencyCode,
  instant,
  isBefore,
  money,
  sumMoney,
  type CalendarDate,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import type { BillingSchedule } from './decider/billing-schedule';
import { create, history, stateOf, when } from './decider/decider.fixture';
import type { InvoiceBillingSchedulePeriods } from './decider/commands';
import type { BillingScheduleEvent } from './decider/events';
import type { BillablePeriod } from './state';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

const day0 = calendarDate('2026-01-01');
const currencies: CurrencyCode[] = [currencyCode('USD'), currencyCode('JPY'), currencyCode('BHD')];

const termsArbitrary = (withEnd: 'end' | 'maybe-end') =>
  fc
    .record({
      startOffset: fc.integer({ min: 0, max: 1500 }),
      lengthInDays:
        withEnd === 'end' ? fc.integer({ min: 1, max: 1100 }) : fc.option(fc.integer({ min: 1, max: 1100 })),
      billingTermUnit: fc.constantFrom<BillingScheduleTerms['billingTermUnit'][]>(
        'Month',
        'Quarter',
        'SemiAnnual',
        'Year',
      ),
      billingTerm: fc.integer({ min: 1, max: 2 }),
      billDayOfMonth: fc.option(fc.integer({ min: 1, max: 31 })),
      partialPeriodTreatment: fc.constantFrom<('Separate' | 'Combine')[]>('Separate', 'Combine'),
      billingType: fc.constantFrom<('Advance' | 'Arrears')[]>('Advance', 'Arrears'),
      remainderStrategy: fc.constantFrom<('AddToLast' | 'AddToFirst')[]>('AddToLast', 'AddToFirst'),
      orderAmountMinorUnits: fc.option(fc.bigInt({ min: 1n, max: 10_000_000n })),
      currency: fc.constantFrom(...currencies),
      unitPriceCents: fc.integer({ min: 1, max: 1_000_000 }),
      quantity: fc.integer({ min: 1, max: 5 }),
    })
    .map((drawn): BillingScheduleTerms => {
      const startDate = addDays(day0, drawn.startOffset);
      const endDate = drawn.lengthInDays === null ? null : addDays(startDate, drawn.lengthInDays - 1);
      const orderAmount = endDate !== null && drawn.orderAmountMinorUnits !== null;
      return someTerms({
        currency: drawn.currency,
        startDate,
        endDate,
        billingTermUnit: drawn.billingTermUnit,
        billingTerm: drawn.billingTerm,
        billDayOfMonth: drawn.billDayOfMonth,
        partialPeriodTreatment: drawn.partialPeriodTreatment,
        billingType: drawn.billingType,
        remainderStrategy: drawn.remainderStrategy,
        billingMethod: orderAmount ? 'OrderAmount' : 'Evergreen',
        totalAmount: orderAmount ? money(drawn.orderAmountMinorUnits ?? 0n, drawn.currency) : null,
        unitPrice: (drawn.unitPriceCents / 100).toFixed(2),
        quantity: String(drawn.quantity),
      });
    });

/** Runs with increasing target dates, each optionally capped by a billing period count. */
const runsArbitrary = fc.array(
  fc.record({
    daysLater: fc.integer({ min: 0, max: 120 }),
    count: fc.option(fc.integer({ min: 1, max: 12 })),
  }),
  { maxLength: 8 },
);

interface Run {
  readonly targetDate: CalendarDate;
  readonly count: number | null;
}

function schedule(events: readonly BillingScheduleEvent[]): BillingSchedule {
  const state = stateOf(events);
  if (state.status === 'NotCreated') throw new Error('no schedule');
  return state;
}

/** Bills the schedule run after run through the decider, as a run would; returns all lines and every state. */
function simulate(terms: BillingScheduleTerms, runs: readonly Run[]) {
  let events = history(create(terms));
  const billed: BillablePeriod[] = [];
  const states: BillingSchedule[] = [schedule(events)];
  runs.forEach((run, index) => {
    const current = schedule(events);
    const periods = billablePeriods(terms, current, run.targetDate, run.count);
    if (periods.length > 0) {
      const command: InvoiceBillingSchedulePeriods = {
        type: 'InvoiceBillingSchedulePeriods',
        billingScheduleId: terms.id,
        runId: `run-${index}`,
        runStartedAt: instant('2026-01-01T00:00:00.000Z'),
        invoiceId: `inv-${index}`,
        invoiceStatus: 'Posted',
        periods,
      };
      events = [...events, ...when(events, command)];
      billed.push(...periods);
    }
    states.push(schedule(events));
  });
  return { billed, states };
}

function targetsFrom(
  start: CalendarDate,
  drawn: readonly { daysLater: number; count: number | null }[],
): Run[] {
  let target = addDays(start, -40);
  return drawn.map((run) => {
    target = addDays(target, run.daysLater);
    return { targetDate: target, count: run.count };
  });
}

describe('billing runs over a schedule (properties)', () => {
  it('(a) bill every day of service exactly once, and an OrderAmount schedule exactly its total', () => {
    fc.assert(
      fc.property(termsArbitrary('end'), runsArbitrary, (terms, drawn) => {
        const startDate = terms.startDate!;
        const endDate = terms.endDate!;
        const runs = [...targetsFrom(startDate, drawn), { targetDate: addDays(endDate, 1), count: null }];
        const { billed, states } = simulate(terms, runs);
        expect(billed[0]?.periodStart).toBe(startDate);
        billed
          .slice(1)
          .forEach((period, index) => expect(period.periodStart).toBe(addDays(billed[index]!.periodEnd, 1)));
        expect(billed[billed.length - 1]?.periodEnd).toBe(endDate);
        expect(states[states.length - 1]).toMatchObject({
          status: 'CompletelyBilled',
          invoiceRunProcessingStatus: 'Completed',
        });
        if (terms.totalAmount !== null) {
          expect(
            sumMoney(
              billed.map((period) => period.chargeAmount),
              terms.currency,
            ),
          ).toEqual(terms.totalAmount);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('(b) never move the next billing date backwards', () => {
    fc.assert(
      fc.property(termsArbitrary('maybe-end'), runsArbitrary, (terms, drawn) => {
        const { states } = simulate(terms, targetsFrom(terms.startDate!, drawn));
        const dates = states.map((state) => state.nextBillingDate);
        dates.slice(1).forEach((date, index) => {
          const before = dates[index];
          if (date !== null && before !== null && before !== undefined)
            expect(isBefore(date, before)).toBe(false);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('(c) bill the same periods and amounts to T1 then T2 as once to T2 (billing period count unset)', () => {
    fc.assert(
      fc.property(
        termsArbitrary('maybe-end'),
        fc.integer({ min: -40, max: 800 }),
        fc.integer({ min: 0, max: 800 }),
        (terms, firstOffset, gap) => {
          const first = addDays(terms.startDate!, firstOffset);
          const second = addDays(first, gap);
          const inTwo = simulate(terms, [
            { targetDate: first, count: null },
            { targetDate: second, count: null },
          ]);
          const inOne = simulate(terms, [{ targetDate: second, count: null }]);
          expect(inTwo.billed).toEqual(inOne.billed);
          expect(inTwo.states[2]).toEqual({ ...inOne.states[1], invoicedPeriods: expect.any(Array) });
        },
      ),
      { numRuns: 100 },
    );
  });
});
