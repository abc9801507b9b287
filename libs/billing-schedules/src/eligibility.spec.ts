import fc from 'fast-check';
import { calendarDate, zeroMoney } from '@invoice-engine/kernel';
import { stateFromStart } from './billing-progress';
import { checkEligibility, EXCLUSION_REASONS, type ExclusionReason } from './eligibility';
import type { BillingScheduleState } from './state';
import type { BillingScheduleTerms } from './terms';
import { d, someTerms, usd } from './terms.fixture';

const request = { targetDate: calendarDate('2026-03-01'), billingPeriodCount: null };

function reasonFor(
  terms: BillingScheduleTerms,
  state: BillingScheduleState = stateFromStart(terms),
  targetDate = '2026-03-01',
) {
  const eligibility = checkEligibility(terms, state, { ...request, targetDate: d(targetDate) });
  return eligibility.outcome === 'Excluded' ? eligibility.reason : 'Due';
}

describe('eligibility of a schedule for a run (DOMAIN.md section 3)', () => {
  const fresh = someTerms();

  it.each<[ExclusionReason, BillingScheduleTerms, BillingScheduleState | undefined, string]>([
    ['InvoicingDisabled', someTerms({ generateInvoice: false }), undefined, '2026-03-01'],
    ['NotActivated', someTerms({ activated: false }), undefined, '2026-03-01'],
    ['OnHold', someTerms({ holdBilling: true }), undefined, '2026-03-01'],
    ['MissingUnitPrice', someTerms({ unitPrice: null }), undefined, '2026-03-01'],
    ['MissingStartDate', someTerms({ startDate: null }), undefined, '2026-03-01'],
    ['NoPendingAmount', someTerms({ unitPrice: '0.00' }), undefined, '2026-03-01'],
    ['MissingNextBillingDate', fresh, { ...stateFromStart(fresh), nextBillingDate: null }, '2026-03-01'],
    [
      'NotPendingBilling',
      fresh,
      { ...stateFromStart(fresh), status: 'Processing', invoiceRunProcessingStatus: 'InProgress' },
      '2026-03-01',
    ],
    ['Cancelled', someTerms({ cancellationDate: d('2026-01-15') }), undefined, '2026-03-01'],
    [
      'Suspended',
      someTerms({ suspension: { from: d('2026-01-01'), resumeOn: null } }),
      undefined,
      '2026-03-01',
    ],
    ['NotDue', fresh, undefined, '2026-01-14'],
  ])('excludes it as %s', (reason, terms, state, targetDate) => {
    expect(reasonFor(terms, state, targetDate)).toBe(reason);
  });

  it('gives exactly the first failing reason, in the table order', () => {
    const everythingWrong = someTerms({
      generateInvoice: false,
      activated: false,
      holdBilling: true,
      unitPrice: null,
      startDate: null,
    });
    expect(reasonFor(everythingWrong)).toBe('InvoicingDisabled');
    expect(reasonFor({ ...everythingWrong, generateInvoice: true })).toBe('NotActivated');
    expect(reasonFor({ ...everythingWrong, generateInvoice: true, activated: true })).toBe('OnHold');
    expect(EXCLUSION_REASONS).toHaveLength(11);
  });

  it('gives the first reason in table order for any combination of failing conditions (property)', () => {
    const termsBreaking: Partial<Record<ExclusionReason, Partial<BillingScheduleTerms>>> = {
      InvoicingDisabled: { generateInvoice: false },
      NotActivated: { activated: false },
      OnHold: { holdBilling: true },
      MissingUnitPrice: { unitPrice: null },
      MissingStartDate: { startDate: null },
      Cancelled: { cancellationDate: d('2026-01-15') },
      Suspended: { suspension: { from: d('2026-01-01'), resumeOn: null } },
    };
    const stateBreaking: Partial<
      Record<ExclusionReason, (state: BillingScheduleState) => BillingScheduleState>
    > = {
      NoPendingAmount: (state) => ({ ...state, pendingAmount: zeroMoney(state.pendingAmount.currency) }),
      MissingNextBillingDate: (state) => ({ ...state, nextBillingDate: null }),
      NotPendingBilling: (state) => ({
        ...state,
        status: 'Processing',
        invoiceRunProcessingStatus: 'InProgress',
      }),
    };
    fc.assert(
      fc.property(fc.subarray([...EXCLUSION_REASONS]), (failing) => {
        const terms = someTerms(
          failing.reduce<Partial<BillingScheduleTerms>>(
            (overrides, reason) => ({ ...overrides, ...termsBreaking[reason] }),
            {},
          ),
        );
        const state = failing.reduce(
          (current, reason) => stateBreaking[reason]?.(current) ?? current,
          stateFromStart(terms),
        );
        const targetDate = failing.includes('NotDue') ? '2026-01-14' : '2026-03-01';
        expect(reasonFor(terms, state, targetDate)).toBe(failing[0] ?? 'Due');
      }),
      { numRuns: 300 },
    );
  });

  it('returns the due periods when nothing excludes it', () => {
    const eligibility = checkEligibility(fresh, stateFromStart(fresh), { ...request, billingPeriodCount: 2 });
    expect(eligibility).toMatchObject({
      outcome: 'Due',
      periods: [{ periodStart: '2026-01-15', chargeAmount: usd('109.68') }, { periodStart: '2026-02-01' }],
    });
  });

  it('treats Usage as having nothing pending: this engine does not price usage', () => {
    const usage = someTerms({ chargeType: 'Usage', unitPrice: null });
    expect(stateFromStart(usage)).toMatchObject({
      pendingAmount: usd('0.00'),
      nextBillingDate: '2026-01-15',
    });
    expect(reasonFor(usage)).toBe('NoPendingAmount');
  });
});
