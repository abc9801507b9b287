import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  currencyCode,
  isBefore,
  money,
  roundToMoney,
  type CalendarDate,
  type Money,
} from '@invoice-engine/kernel';
import { billingPeriods, lastBillableDay, type BillingPeriod } from './billing-period';
import { fullPeriodAmount, isPriceable, pricedPeriods, spreadOrderAmount } from './period-amounts';
import { unbilledPeriods } from './position';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

const day0 = calendarDate('2026-01-01');
const USD = currencyCode('USD');

const termsArbitrary = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 800 }),
    lengthInDays: fc.option(fc.integer({ min: 1, max: 900 })),
    cancelAfterDays: fc.option(fc.integer({ min: 1, max: 900 })),
    billingTermUnit: fc.constantFrom<BillingScheduleTerms['billingTermUnit'][]>('Month', 'Quarter', 'Year'),
    billingTerm: fc.integer({ min: 1, max: 2 }),
    billDayOfMonth: fc.option(fc.integer({ min: 1, max: 31 })),
    partialPeriodTreatment: fc.constantFrom<('Separate' | 'Combine')[]>('Separate', 'Combine'),
    remainderStrategy: fc.constantFrom<('AddToLast' | 'AddToFirst')[]>('AddToLast', 'AddToFirst'),
    orderAmountMinorUnits: fc.option(fc.bigInt({ min: 1n, max: 10_000_000n })),
    unitPriceCents: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
    quantity: fc.constantFrom('1', '2', '2.5', '0.3333'),
  })
  .map((drawn): BillingScheduleTerms => {
    const startDate = addDays(day0, drawn.startOffset);
    const endDate = drawn.lengthInDays === null ? null : addDays(startDate, drawn.lengthInDays - 1);
    const cancellationDate =
      drawn.cancelAfterDays === null ? null : addDays(startDate, drawn.cancelAfterDays);
    const orderAmount =
      (endDate !== null || cancellationDate !== null) && drawn.orderAmountMinorUnits !== null;
    return someTerms({
      startDate,
      endDate,
      cancellationDate,
      billingTermUnit: drawn.billingTermUnit,
      billingTerm: drawn.billingTerm,
      billDayOfMonth: drawn.billDayOfMonth,
      partialPeriodTreatment: drawn.partialPeriodTreatment,
      remainderStrategy: drawn.remainderStrategy,
      billingMethod: orderAmount ? 'OrderAmount' : 'Evergreen',
      totalAmount: orderAmount ? money(drawn.orderAmountMinorUnits ?? 0n, USD) : null,
      unitPrice: drawn.unitPriceCents === null ? null : (drawn.unitPriceCents / 100).toFixed(2),
      quantity: drawn.quantity,
    });
  });

/** The pricing rules of DOMAIN.md section 5 computed plainly, from the start date, every time. */
function referencePrices(
  terms: BillingScheduleTerms,
  lastDay: CalendarDate | null,
  invoiced: ReadonlyMap<CalendarDate, Money>,
  count: number,
) {
  const periods: BillingPeriod[] = [];
  for (const period of billingPeriods(terms, lastDay)) {
    if (periods.length >= count && lastDay === null) break;
    periods.push(period);
  }
  if (!isPriceable(terms)) return periods.map((period) => ({ ...period, chargeAmount: money(0n, USD) }));
  if (terms.billingMethod === 'OrderAmount' && terms.totalAmount !== null) {
    const amounts = spreadOrderAmount(terms, terms.totalAmount, periods, invoiced);
    return periods.map((period, index) => ({ ...period, chargeAmount: amounts[index] }));
  }
  const full = fullPeriodAmount(terms, terms.unitPrice ?? '0');
  return periods.map((period) => ({
    ...period,
    chargeAmount: invoiced.get(period.periodStart) ?? roundToMoney(full.mul(period.weight), USD),
  }));
}

function firstOf<T>(periods: Iterable<T>, count: number): T[] {
  const taken: T[] = [];
  for (const period of periods) {
    if (taken.length >= count) break;
    taken.push(period);
  }
  return taken;
}

/** Some periods of the schedule as invoiced, at amounts that may differ from today's terms. */
function invoicedSome(terms: BillingScheduleTerms, picks: readonly boolean[]) {
  const periods = firstOf(billingPeriods(terms, lastBillableDay(terms)), picks.length);
  const picked = periods.filter((_, index) => picks[index] === true);
  return new Map(picked.map((period, index) => [period.periodStart, money(BigInt(1000 + index), USD)]));
}

describe('priced periods kept per terms object (properties)', () => {
  it('are the periods and amounts computed plainly from the start date, whatever was asked before', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        (terms, earlierPicks, picks) => {
          const lastDay = lastBillableDay(terms);
          // Ask with other invoiced amounts first, so the kept prices must not depend on them.
          firstOf(pricedPeriods(terms, lastDay, invoicedSome(terms, earlierPicks)), 40);
          const invoiced = invoicedSome(terms, picks);
          const expected = referencePrices(terms, lastDay, invoiced, 40);
          expect(firstOf(pricedPeriods(terms, lastDay, invoiced), 40)).toEqual(firstOf(expected, 40));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('give the unbilled periods from any cursor: those not invoiced and starting on or after it', () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.integer({ min: -40, max: 900 }),
        (terms, picks, cursorOffset) => {
          const invoiced = invoicedSome(terms, picks);
          const cursor = addDays(terms.startDate ?? day0, cursorOffset);
          const invoicedPeriods = [...invoiced].map(([periodStart, chargeAmount]) => ({
            periodStart,
            periodEnd: periodStart,
            chargeAmount,
            runId: 'run-1',
            invoiceId: 'invoice-1',
            invoiceStatus: 'Posted' as const,
          }));
          const coverage = { nextChargeFromDate: cursor, invoicedPeriods };
          const expected = referencePrices(terms, lastBillableDay(terms), invoiced, 60).filter(
            (period) => !isBefore(period.periodStart, cursor) && !invoiced.has(period.periodStart),
          );
          expect(firstOf(unbilledPeriods(terms, coverage), 20)).toEqual(firstOf(expected, 20));
        },
      ),
      { numRuns: 200 },
    );
  });
});
