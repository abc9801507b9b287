import { currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { stateAfterInvoicing, stateFromStart } from './billing-progress';
import { checkEligibility } from './eligibility';
import type { BillablePeriod, BillingScheduleState } from './state';
import type { BillingScheduleTerms } from './terms';
import { d, someTerms, usd } from './terms.fixture';

const lines = (periods: readonly BillablePeriod[]) =>
  periods.map((period) => `${period.periodStart}..${period.periodEnd} ${formatMoney(period.chargeAmount)}`);

function bill(
  terms: BillingScheduleTerms,
  target: string,
  count: number | null = null,
  state = stateFromStart(terms),
) {
  return billablePeriods(terms, state, d(target), count);
}

function billed(terms: BillingScheduleTerms, target: string): BillingScheduleState {
  const state = stateFromStart(terms);
  const invoice = { runId: 'run-1', invoiceId: 'inv-1', invoiceStatus: 'Posted' as const };
  return stateAfterInvoicing(terms, state, invoice, bill(terms, target));
}

describe('periods at month ends and leap years', () => {
  it('clamps a 31st anchor in a leap February and comes back to the 31st', () => {
    const terms = someTerms({ billDayOfMonth: 31, startDate: d('2028-01-31') });
    expect(lines(bill(terms, '2028-03-31'))).toEqual([
      '2028-01-31..2028-02-28 200.00',
      '2028-02-29..2028-03-30 200.00',
      '2028-03-31..2028-04-29 200.00',
    ]);
  });

  it('keeps a quarterly 31st anchor on each month end, not on the clamped day of the last boundary', () => {
    const terms = someTerms({ billDayOfMonth: 31, startDate: d('2026-01-31'), billingTermUnit: 'Quarter' });
    expect(lines(bill(terms, '2026-10-31'))).toEqual([
      '2026-01-31..2026-04-29 600.00',
      '2026-04-30..2026-07-30 600.00',
      '2026-07-31..2026-10-30 600.00',
      '2026-10-31..2027-01-30 600.00',
    ]);
  });

  it('starts without a stub on 2026-02-28 with a 31st anchor (the clamped boundary of February)', () => {
    const terms = someTerms({ billDayOfMonth: 31, startDate: d('2026-02-28') });
    expect(lines(bill(terms, '2026-03-31'))).toEqual([
      '2026-02-28..2026-03-30 200.00',
      '2026-03-31..2026-04-29 200.00',
    ]);
  });

  it('prorates a stub in February 2028 over its 29 days', () => {
    const terms = someTerms({ startDate: d('2028-02-10'), billDayOfMonth: 1 });
    expect(lines(bill(terms, '2028-02-10'))).toEqual(['2028-02-10..2028-02-29 137.93']);
  });

  it('anchors a yearly schedule started on 2028-02-29 to the 28th in common years', () => {
    const terms = someTerms({ startDate: d('2028-02-29'), billDayOfMonth: null, billingTermUnit: 'Year' });
    expect(lines(bill(terms, '2029-03-01'))).toEqual([
      '2028-02-29..2029-02-27 2400.00',
      '2029-02-28..2030-02-27 2400.00',
    ]);
  });

  it('uses the start day as the anchor by default (no stub)', () => {
    const terms = someTerms({ billDayOfMonth: null, startDate: d('2026-01-30') });
    expect(lines(bill(terms, '2026-03-01'))).toEqual([
      '2026-01-30..2026-02-27 200.00',
      '2026-02-28..2026-03-29 200.00',
    ]);
  });
});

describe('stubs and cut periods', () => {
  it('combines the stub with the first full period into one line, rounded once', () => {
    const terms = someTerms({ partialPeriodTreatment: 'Combine' });
    expect(lines(bill(terms, '2026-03-01'))).toEqual([
      '2026-01-15..2026-02-28 309.68',
      '2026-03-01..2026-03-31 200.00',
    ]);
  });

  it('leaves the stub alone when no full period follows it', () => {
    const terms = someTerms({ partialPeriodTreatment: 'Combine', endDate: d('2026-02-10') });
    expect(lines(bill(terms, '2026-03-01'))).toEqual([
      '2026-01-15..2026-01-31 109.68',
      '2026-02-01..2026-02-10 71.43',
    ]);
  });

  it('cuts the last period at the end date and then completes', () => {
    const terms = someTerms({ endDate: d('2026-03-10') });
    expect(lines(bill(terms, '2026-12-31')).slice(-1)).toEqual(['2026-03-01..2026-03-10 64.52']);
    expect(billed(terms, '2026-12-31')).toMatchObject({
      status: 'CompletelyBilled',
      pendingAmount: usd('0.00'),
      nextBillingDate: null,
    });
  });

  it('cuts at the cancellation date, the first day without service', () => {
    const terms = someTerms({ cancellationDate: d('2026-02-15') });
    expect(lines(bill(terms, '2026-06-01'))).toEqual([
      '2026-01-15..2026-01-31 109.68',
      '2026-02-01..2026-02-14 100.00',
    ]);
  });

  it('keeps a cancelled evergreen schedule pending, so later runs exclude it as Cancelled', () => {
    const terms = someTerms({ cancellationDate: d('2026-02-15') });
    const after = billed(terms, '2026-06-01');
    expect(after).toMatchObject({
      status: 'ReadyForInvoicing',
      nextChargeFromDate: '2026-02-15',
      billedThroughDate: '2026-02-14',
    });
    expect(checkEligibility(terms, after, { targetDate: d('2026-06-01'), billingPeriodCount: null })).toEqual(
      {
        outcome: 'Excluded',
        reason: 'Cancelled',
      },
    );
  });

  it('bills a one-time charge as [start, start], due the next day in arrears', () => {
    const terms = someTerms({
      chargeType: 'OneTime',
      billingTermUnit: 'OneTime',
      pricingTermUnit: 'OneTime',
    });
    expect(lines(bill(terms, '2026-01-15'))).toEqual(['2026-01-15..2026-01-15 200.00']);
    expect(bill({ ...terms, billingType: 'Arrears' }, '2026-01-15')).toEqual([]);
    expect(billed(terms, '2026-01-15')).toMatchObject({
      status: 'CompletelyBilled',
      nextChargeFromDate: '2026-01-16',
    });
  });

  it('spreads an OrderAmount with only a cancellation date over the periods before it', () => {
    const terms = someTerms({
      billingMethod: 'OrderAmount',
      totalAmount: usd('60.00'),
      startDate: d('2026-01-01'),
      cancellationDate: d('2026-07-01'),
    });
    expect(bill(terms, '2026-12-31').map((period) => formatMoney(period.chargeAmount))).toEqual(
      Array<string>(6).fill('10.00'),
    );
    expect(billed(terms, '2026-12-31')).toMatchObject({
      status: 'CompletelyBilled',
      billedAmount: usd('60.00'),
    });
  });

  it('caps a run at the billing period count', () => {
    expect(lines(bill(someTerms(), '2026-06-01', 2))).toEqual([
      '2026-01-15..2026-01-31 109.68',
      '2026-02-01..2026-02-28 200.00',
    ]);
  });
});

describe('amounts in other currencies and prices', () => {
  it('rounds JPY to whole yen and BHD to fils, once per line', () => {
    const jpy = currencyCode('JPY');
    const yen = someTerms({ currency: jpy, unitPrice: '1000', quantity: '1' });
    expect(lines(bill(yen, '2026-02-01'))).toEqual([
      '2026-01-15..2026-01-31 548',
      '2026-02-01..2026-02-28 1000',
    ]);
    const bhd = currencyCode('BHD');
    const dinar = someTerms({ currency: bhd, unitPrice: '10.000', quantity: '1' });
    expect(lines(bill(dinar, '2026-01-15'))).toEqual(['2026-01-15..2026-01-31 5.484']);
  });

  it('keeps unit prices finer than the currency and rounds half away from zero at the line', () => {
    const terms = someTerms({ unitPrice: '0.125', quantity: '3', startDate: d('2026-01-01') });
    expect(lines(bill(terms, '2026-01-01'))).toEqual(['2026-01-01..2026-01-31 0.38']);
  });

  it('prices a quarter from a monthly price and a month from a yearly one', () => {
    expect(
      lines(bill(someTerms({ billingTermUnit: 'Quarter', startDate: d('2026-02-01') }), '2026-02-01')),
    ).toEqual(['2026-02-01..2026-04-30 600.00']);
    const yearly = someTerms({ pricingTermUnit: 'Year', unitPrice: '1200.00', startDate: d('2026-02-01') });
    expect(lines(bill(yearly, '2026-02-01'))).toEqual(['2026-02-01..2026-02-28 200.00']);
  });

  it('puts the OrderAmount remainder on the first line with AddToFirst', () => {
    const terms = someTerms({
      billingMethod: 'OrderAmount',
      remainderStrategy: 'AddToFirst',
      totalAmount: parseMoney('100.00', currencyCode('USD')),
      startDate: d('2026-01-01'),
      endDate: d('2026-12-31'),
    });
    const amounts = bill(terms, '2026-12-31').map((period) => formatMoney(period.chargeAmount));
    expect(amounts).toEqual(['8.37', ...Array<string>(11).fill('8.33')]);
    expect(stateFromStart(terms).pendingAmount).toEqual(usd('100.00'));
  });
});

describe('suspension, judged as of the target date', () => {
  const terms = someTerms({
    startDate: d('2026-01-01'),
    suspension: { from: d('2026-03-01'), resumeOn: d('2026-05-01') },
  });

  it('bills normally before the window', () => {
    expect(bill(terms, '2026-02-15').map((period) => period.periodStart)).toEqual([
      '2026-01-01',
      '2026-02-01',
    ]);
  });

  it('inside the window bills only periods that end before it starts', () => {
    expect(bill(terms, '2026-04-15').map((period) => period.periodStart)).toEqual([
      '2026-01-01',
      '2026-02-01',
    ]);
    const throughFebruary = billed(terms, '2026-02-15');
    expect(
      checkEligibility(terms, throughFebruary, { targetDate: d('2026-04-15'), billingPeriodCount: null }),
    ).toEqual({
      outcome: 'Excluded',
      reason: 'Suspended',
    });
  });

  it('on or after resumeOn bills everything due, deferred periods included', () => {
    const throughFebruary = billed(terms, '2026-02-15');
    expect(bill(terms, '2026-05-01', null, throughFebruary).map((period) => period.periodStart)).toEqual([
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
  });
});
