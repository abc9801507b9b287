import { ANY_SCHEDULE, validateTerms } from '@invoice-engine/billing-schedules';
import { groupingKeyOf } from '@invoice-engine/invoicing';
import { calendarDate, currencyCode, instant } from '@invoice-engine/kernel';
import { createdSchedule, predictRun } from '../oracle/predict-run';
import { generateBillingSchedules } from './billing-schedule-generator';
import { TEST_PAYMENT_TERMS, TEST_TAX_RATES, UNRATED_TAX_CODE } from './reference-data';

const asOf = calendarDate('2026-06-30');
const options = { seed: 42, schedules: 2000, accounts: 200, idPrefix: 'bs', asOf };

describe('the billing schedule generator', () => {
  const schedules = [...generateBillingSchedules(options)];

  it('gives the same schedules for the same seed and others for another seed', () => {
    expect([...generateBillingSchedules(options)]).toEqual(schedules);
    expect([...generateBillingSchedules({ ...options, seed: 43 })]).not.toEqual(schedules);
  });

  it('makes schedule i independent of the size of the data set', () => {
    expect([...generateBillingSchedules({ ...options, schedules: 20, accounts: 2 })][3]?.billingType).toBe(
      schedules[3]?.billingType,
    );
  });

  it('writes only terms the billing-schedules lib accepts, with ids in generation order', () => {
    for (const terms of schedules) expect(() => validateTerms(terms)).not.toThrow();
    const ids = schedules.map((terms) => terms.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(2000);
  });

  it('spreads schedules over the accounts, three currencies and every kind of charge', () => {
    expect(new Set(schedules.map((terms) => terms.billingAccountId)).size).toBe(200);
    expect(new Set(schedules.map((terms) => terms.currency))).toEqual(new Set(['USD', 'EUR', 'JPY']));
    expect(new Set(schedules.map((terms) => terms.billingType))).toEqual(new Set(['Advance', 'Arrears']));
    expect(new Set(schedules.map((terms) => terms.billingTermUnit))).toEqual(
      new Set(['Month', 'Quarter', 'SemiAnnual', 'Year', 'OneTime']),
    );
    expect(schedules.some((terms) => terms.billingMethod === 'OrderAmount')).toBe(true);
    expect(
      schedules.some(
        (terms) => terms.startDate !== null && !terms.startDate.endsWith('-01') && terms.billDayOfMonth === 1,
      ),
    ).toBe(true);
  });

  it('puts about ten schedules in each grouping key', () => {
    const keys = new Set(schedules.map((terms) => groupingKeyOf({ ...terms, billingScheduleId: terms.id })));
    expect(schedules.length / keys.size).toBeGreaterThan(7);
    expect(schedules.length / keys.size).toBeLessThan(11);
  });

  it('gives a run most schedules to bill and some to exclude for each common reason', () => {
    const prediction = predictRun(
      {
        runId: 'run',
        targetDate: asOf,
        invoiceDate: asOf,
        invoiceStatus: 'Posted',
        billingPeriodCount: null,
        criteria: ANY_SCHEDULE,
        defaultCurrency: currencyCode('USD'),
        requestedAt: instant('2026-06-30T00:00:00.000Z'),
      },
      schedules.map(createdSchedule),
      { taxRates: TEST_TAX_RATES, paymentTerms: TEST_PAYMENT_TERMS, maxLinesPerInvoice: 2000 },
    );
    const { excludedByReason, totalFilteredBillingSchedules } = prediction.summary;
    expect(totalFilteredBillingSchedules).toBeGreaterThan(1500);
    for (const reason of [
      'InvoicingDisabled',
      'NotActivated',
      'OnHold',
      'NotDue',
      'Cancelled',
      'NoPendingAmount',
    ] as const) {
      expect(excludedByReason[reason]).toBeGreaterThan(0);
    }
    expect(prediction.status).toBe('Completed');
  });

  it('gives the schedules of unrated accounts a tax code without a rate', () => {
    const unrated = [...generateBillingSchedules({ ...options, unratedAccounts: [3] })].filter(
      (terms) => terms.taxCode === UNRATED_TAX_CODE,
    );
    expect(unrated.length).toBe(10);
    expect(new Set(unrated.map((terms) => terms.billingAccountId)).size).toBe(1);
  });
});
