import { d, someTerms, usd } from '../terms.fixture';
import { create, decideTwice, history, invoiceDue, stateOf, when, errorOf } from './decider.fixture';

const id = 'bs-1';
const created = () => history(create());
const oneTime = () =>
  history(
    create(someTerms({ chargeType: 'OneTime', billingTermUnit: 'OneTime', pricingTermUnit: 'OneTime' })),
  );

describe('when a run invoices the due periods on a posted invoice', () => {
  it('records the lines and moves the schedule on (worked example 1)', () => {
    const [event] = when(created(), invoiceDue(created(), '2026-03-01'));
    expect(event).toMatchObject({
      type: 'BillingScheduleInvoiced',
      data: {
        billingScheduleId: id,
        runId: 'run-1',
        invoiceId: 'inv-1',
        invoiceStatus: 'Posted',
        periods: [
          {
            periodStart: '2026-01-15',
            periodEnd: '2026-01-31',
            quantity: '2',
            unitPrice: '100.00',
            chargeAmount: usd('109.68'),
          },
          { periodStart: '2026-02-01', periodEnd: '2026-02-28', chargeAmount: usd('200.00') },
          { periodStart: '2026-03-01', periodEnd: '2026-03-31', chargeAmount: usd('200.00') },
        ],
        snapshot: {
          status: 'ReadyForInvoicing',
          invoiceRunProcessingStatus: 'PendingBilling',
          nextChargeFromDate: '2026-04-01',
          nextBillingDate: '2026-04-01',
          billedThroughDate: '2026-03-31',
          billedAmount: usd('509.68'),
        },
      },
    });
  });

  it('is idempotent: the same periods on the same invoice again yield no new event', () => {
    expect(decideTwice(created(), invoiceDue(created(), '2026-03-01')).second).toEqual([]);
  });

  it('refuses an overlapping attempt on another invoice as a conflict: a period is invoiced once, ever', () => {
    const command = invoiceDue(created(), '2026-03-01');
    const given = history(create(), command);
    expect(
      errorOf(() => when(given, { ...command, invoiceId: 'inv-2', periods: command.periods.slice(1) })),
    ).toMatchObject({ code: 'BILLING_SCHEDULE.PERIOD_ALREADY_INVOICED', kind: 'conflict' });
  });

  it('refuses a period that is not one of the schedule', () => {
    const command = invoiceDue(created(), '2026-03-01');
    const bogus = [{ ...command.periods[1]!, periodStart: d('2026-02-02') }];
    expect(errorOf(() => when(created(), { ...command, periods: bogus }))).toMatchObject({
      code: 'BILLING_SCHEDULE.UNKNOWN_PERIOD',
      kind: 'validation',
    });
  });
});

describe('when the lines sit on a draft invoice', () => {
  const draft = (given = created(), target = '2026-02-01') =>
    invoiceDue(given, target, { invoiceStatus: 'Draft', invoiceId: 'draft-1' });

  it('keeps the schedule Processing / InProgress, even when nothing remains', () => {
    expect(stateOf(history(create(), draft()))).toMatchObject({
      status: 'Processing',
      invoiceRunProcessingStatus: 'InProgress',
    });
    const onlyCharge = history(
      create(someTerms({ chargeType: 'OneTime', billingTermUnit: 'OneTime', pricingTermUnit: 'OneTime' })),
    );
    expect(stateOf([...onlyCharge, ...when(onlyCharge, draft(onlyCharge))])).toMatchObject({
      status: 'Processing',
      pendingAmount: usd('0.00'),
    });
  });

  it('refuses another run while the draft holds the lines, but takes the next chunk of the same run', () => {
    const given = history(
      create(),
      invoiceDue(created(), '2026-02-01', { invoiceStatus: 'Draft', count: 1, invoiceId: 'draft-1' }),
    );
    const nextChunk = invoiceDue(given, '2026-02-01', { invoiceStatus: 'Draft', invoiceId: 'draft-2' });
    expect(errorOf(() => when(given, { ...nextChunk, runId: 'run-2' }))).toMatchObject({
      code: 'BILLING_SCHEDULE.DRAFT_IN_PROGRESS',
    });
    expect(when(given, nextChunk)).toMatchObject([
      { type: 'BillingScheduleInvoiced', data: { invoiceId: 'draft-2' } },
    ]);
  });

  describe('and the draft is posted', () => {
    const post = { type: 'PostDraftInvoice', billingScheduleId: id, invoiceId: 'draft-1' } as const;

    it('goes back to ReadyForInvoicing / PendingBilling', () => {
      expect(when(history(create(), draft()), post)).toMatchObject([
        {
          type: 'BillingScheduleDraftInvoicePosted',
          data: {
            invoiceId: 'draft-1',
            snapshot: { status: 'ReadyForInvoicing', invoiceRunProcessingStatus: 'PendingBilling' },
          },
        },
      ]);
    });

    it('is CompletelyBilled / Completed when nothing remains', () => {
      const given = [...oneTime(), ...when(oneTime(), draft(oneTime()))];
      expect(stateOf([...given, ...when(given, post)])).toMatchObject({
        status: 'CompletelyBilled',
        invoiceRunProcessingStatus: 'Completed',
        billedAmount: usd('200.00'),
      });
    });

    it('posts once: the same command twice yields no new event', () => {
      expect(decideTwice(history(create(), draft()), post).second).toEqual([]);
    });

    it('cannot post an invoice the schedule has no lines on', () => {
      expect(errorOf(() => when(created(), post))).toMatchObject({ kind: 'not-found' });
    });
  });

  describe('and the draft is canceled', () => {
    const release = { type: 'ReleaseInvoicedPeriods', billingScheduleId: id, invoiceId: 'draft-1' } as const;

    it('releases its periods so they can be billed again', () => {
      const given = history(create(), draft());
      const events = when(given, release);
      expect(events).toMatchObject([
        {
          type: 'BillingSchedulePeriodsReleased',
          data: {
            periods: [
              { periodStart: '2026-01-15', chargeAmount: usd('109.68') },
              { periodStart: '2026-02-01', chargeAmount: usd('200.00') },
            ],
            snapshot: {
              status: 'ReadyForInvoicing',
              nextChargeFromDate: '2026-01-15',
              billedThroughDate: null,
              billedAmount: usd('0.00'),
              pendingAmount: usd('109.68'),
            },
          },
        },
      ]);
      const rebill = invoiceDue([...given, ...events], '2026-02-01', { runId: 'run-2', invoiceId: 'inv-2' });
      expect(rebill.periods).toHaveLength(2);
      expect(when([...given, ...events], rebill)).toHaveLength(1);
    });

    it('releases once: the same command twice yields no new event', () => {
      expect(decideTwice(history(create(), draft()), release).second).toEqual([]);
    });

    it('cannot release a posted invoice', () => {
      const posted = history(create(), invoiceDue(created(), '2026-02-01', { invoiceId: 'draft-1' }));
      expect(errorOf(() => when(posted, release))).toMatchObject({
        code: 'BILLING_SCHEDULE.INVOICE_ALREADY_POSTED',
        kind: 'illegal-state',
      });
    });
  });
});
