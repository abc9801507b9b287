import fc from 'fast-check';
import { addDays, calendarDate, currencyCode, money } from '@invoice-engine/kernel';
import type { BillingScheduleTerms } from './terms';
import { someTerms } from './terms.fixture';

/** The first day of the drawn schedules' calendar. */
export const day0 = calendarDate('2026-01-01');

/**
 * Schedules of every term unit, bill day, stub treatment and billing type, Evergreen or (with an end
 * date) OrderAmount, starting in the first 400 days after `day0`: for property tests of the rules.
 */
export const termsArbitrary = fc
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
