import { formatMoney } from '@invoice-engine/kernel';
import { billablePeriods } from './billable-periods';
import { stateAfterInvoicing, stateFromStart } from './billing-progress';
import type { BillablePeriod } from './state';
import { d, someTerms, usd } from './terms.fixture';
import type { BillingScheduleTerms } from './terms';

function lines(periods: readonly BillablePeriod[]): string[] {
  return periods.map(
    (period) => `${period.periodStart}..${period.periodEnd} ${formatMoney(period.chargeAmount)}`,
  );
}

function billOnce(terms: BillingScheduleTerms, target: string) {
  const state = stateFromStart(terms);
  const periods = billablePeriods(terms, state, d(target), null);
  const after = stateAfterInvoicing(
    terms,
    state,
    { runId: 'run-1', invoiceId: 'inv-1', invoiceStatus: 'Posted' },
    periods,
  );
  return { periods, after };
}

describe('the worked examples of DOMAIN.md section 5', () => {
  it('example 1: monthly in advance from the 15th bills the stub and two full months', () => {
    const { periods, after } = billOnce(someTerms(), '2026-03-01');
    expect(lines(periods)).toEqual([
      '2026-01-15..2026-01-31 109.68',
      '2026-02-01..2026-02-28 200.00',
      '2026-03-01..2026-03-31 200.00',
    ]);
    expect(after).toMatchObject({
      status: 'ReadyForInvoicing',
      invoiceRunProcessingStatus: 'PendingBilling',
      nextChargeFromDate: '2026-04-01',
      nextBillingDate: '2026-04-01',
      billedThroughDate: '2026-03-31',
      billedAmount: usd('509.68'),
      pendingAmount: usd('200.00'),
    });
  });

  it('example 2: in arrears, March is not due until April 1', () => {
    const { periods, after } = billOnce(someTerms({ billingType: 'Arrears' }), '2026-03-01');
    expect(lines(periods)).toEqual(['2026-01-15..2026-01-31 109.68', '2026-02-01..2026-02-28 200.00']);
    expect(after).toMatchObject({ nextChargeFromDate: '2026-03-01', nextBillingDate: '2026-04-01' });
  });

  it('example 2: a later run bills March (200.00) on 2026-04-01, not on 2026-03-31', () => {
    const terms = someTerms({ billingType: 'Arrears' });
    const { after } = billOnce(terms, '2026-03-01');
    expect(billablePeriods(terms, after, d('2026-03-31'), null)).toEqual([]);
    expect(lines(billablePeriods(terms, after, d('2026-04-01'), null))).toEqual([
      '2026-03-01..2026-03-31 200.00',
    ]);
  });

  it('example 3: a 31st anchor clamps to short month ends and comes back to the 31st', () => {
    const terms = someTerms({ billDayOfMonth: 31, startDate: d('2026-01-31') });
    expect(lines(billOnce(terms, '2026-04-30').periods)).toEqual([
      '2026-01-31..2026-02-27 200.00',
      '2026-02-28..2026-03-30 200.00',
      '2026-03-31..2026-04-29 200.00',
      '2026-04-30..2026-05-30 200.00',
    ]);
  });

  it('example 4: a quarterly stub is prorated over the quarter it belongs to (92 days)', () => {
    const terms = someTerms({ billingTermUnit: 'Quarter' });
    expect(lines(billOnce(terms, '2026-05-01').periods)).toEqual([
      '2026-01-15..2026-01-31 110.87',
      '2026-02-01..2026-04-30 600.00',
      '2026-05-01..2026-07-31 600.00',
    ]);
  });

  it('example 5: 100.00 over 2026 gives eleven lines of 8.33 and a last line of 8.37', () => {
    const terms = someTerms({
      billingMethod: 'OrderAmount',
      totalAmount: usd('100.00'),
      startDate: d('2026-01-01'),
      endDate: d('2026-12-31'),
    });
    const { periods, after } = billOnce(terms, '2026-12-31');
    expect(periods.map((period) => formatMoney(period.chargeAmount))).toEqual([
      ...Array<string>(11).fill('8.33'),
      '8.37',
    ]);
    expect(after).toMatchObject({
      status: 'CompletelyBilled',
      invoiceRunProcessingStatus: 'Completed',
      nextChargeFromDate: '2027-01-01',
      nextBillingDate: null,
      billedThroughDate: '2026-12-31',
      billedAmount: usd('100.00'),
      pendingAmount: usd('0.00'),
    });
  });
});
