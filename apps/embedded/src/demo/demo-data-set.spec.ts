import { describe, expect, it } from '@jest/globals';
import { recordsFromJson, validateScheduleRecords } from '@invoice-engine/billing-read-models';
import { calendarDate } from '@invoice-engine/kernel';
import { demoDataSet } from './demo-data-set';

const options = { schedules: 1000, accounts: 100, targetDate: calendarDate('2026-11-26'), seed: 1 };

function share(values: readonly unknown[], value: unknown): number {
  return values.filter((each) => each === value).length / values.length;
}

describe('the demo data set', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(demoDataSet(options)).toEqual(demoDataSet(options));
    expect(demoDataSet({ ...options, seed: 2 }).schedules).not.toEqual(demoDataSet(options).schedules);
  });

  it.each([1, 2, 3])('passes the schedule loader validation with seed %i', (seed) => {
    const { records, problems } = recordsFromJson(
      JSON.stringify(demoDataSet({ ...options, seed }).schedules),
    );
    expect(problems).toEqual([]);
    const validation = validateScheduleRecords(records);
    expect(validation.problems).toEqual([]);
    expect(validation.schedules).toHaveLength(1000);
  });

  it('mixes currencies, billing types, term units and exclusions over the accounts', () => {
    const { schedules } = demoDataSet(options);
    const field = (name: string) => schedules.map((schedule) => schedule[name]);
    expect(new Set(field('billingAccountId')).size).toBe(100);
    expect(new Set(field('currency'))).toEqual(new Set(['USD', 'EUR', 'JPY']));
    expect(new Set(field('billingType'))).toEqual(new Set(['Advance', 'Arrears']));
    expect(new Set(field('billingTermUnit'))).toEqual(
      new Set(['Month', 'Quarter', 'SemiAnnual', 'Year', 'OneTime']),
    );
    expect(new Set(field('billingMethod'))).toEqual(new Set(['Evergreen', 'OrderAmount']));
    expect(new Set(field('invoiceGroupType'))).toEqual(new Set(['Default', 'BillingSchedule', 'Custom']));
    for (const [name, value] of [
      ['generateInvoice', false],
      ['activated', false],
      ['holdBilling', true],
    ] as const) {
      expect(share(field(name), value)).toBeGreaterThan(0.005);
      expect(share(field(name), value)).toBeLessThan(0.06);
    }
    expect(field('suspension').some((value) => value !== null)).toBe(true);
    expect(field('cancellationDate').some((value) => value !== null)).toBe(true);
  });

  it('gives every account one currency, the one of its legal entity', () => {
    const { schedules } = demoDataSet(options);
    const currencyOf = new Map<unknown, unknown>();
    for (const schedule of schedules) {
      const known = currencyOf.get(schedule['billingAccountId']);
      if (known !== undefined) expect(schedule['currency']).toBe(known);
      currencyOf.set(schedule['billingAccountId'], schedule['currency']);
    }
  });
});
