import { d, someTerms, usd } from '../terms.fixture';
import { create, decideTwice, history, invoiceDue, stateOf, when, errorOf } from './decider.fixture';

const id = 'bs-1';

describe('a billing schedule that does not exist yet', () => {
  it('is created with its position derived from the start date', () => {
    expect(when([], create())).toEqual([
      {
        type: 'BillingScheduleCreated',
        data: {
          billingScheduleId: id,
          terms: someTerms(),
          snapshot: {
            status: 'ReadyForInvoicing',
            invoiceRunProcessingStatus: 'PendingBilling',
            nextChargeFromDate: '2026-01-15',
            nextBillingDate: '2026-01-15',
            billedThroughDate: null,
            billedAmount: usd('0.00'),
            pendingAmount: usd('109.68'),
          },
        },
      },
    ]);
  });

  it('is created once: the same command twice yields no new event', () => {
    expect(decideTwice([], create()).second).toEqual([]);
  });

  it('refuses other terms under the same id', () => {
    expect(errorOf(() => when(history(create()), create(someTerms({ quantity: '3' }))))).toMatchObject({
      code: 'BILLING_SCHEDULE.ALREADY_EXISTS',
      kind: 'conflict',
    });
  });

  it('refuses an OrderAmount schedule without an end or cancellation date as invalid input', () => {
    const terms = someTerms({ billingMethod: 'OrderAmount', totalAmount: usd('100.00') });
    expect(errorOf(() => when([], create(terms)))).toMatchObject({
      code: 'BILLING_SCHEDULE.ORDER_AMOUNT_WITHOUT_END_DATE',
      kind: 'validation',
    });
  });

  it('starts WillNotInvoice when it does not generate invoices', () => {
    expect(stateOf(history(create(someTerms({ generateInvoice: false }))))).toMatchObject({
      status: 'ReadyForInvoicing',
      invoiceRunProcessingStatus: 'WillNotInvoice',
    });
  });

  it('cannot be amended', () => {
    expect(errorOf(() => when([], { type: 'HoldBilling', billingScheduleId: id }))).toMatchObject({
      code: 'BILLING_SCHEDULE.NOT_FOUND',
      kind: 'not-found',
    });
  });
});

describe('when the price is amended', () => {
  const amend = { type: 'AmendBillingSchedulePrice', billingScheduleId: id, unitPrice: '150.00' } as const;

  it('records the price and the new pending amount', () => {
    const [event] = when(history(create()), amend);
    expect(event).toMatchObject({
      type: 'BillingSchedulePriceAmended',
      data: { unitPrice: '150.00', snapshot: { pendingAmount: usd('164.52') } },
    });
  });

  it('the same amendment twice yields no new event', () => {
    expect(decideTwice(history(create()), amend).second).toEqual([]);
  });

  it('bills later periods at the new price and keeps billed ones', () => {
    const given = history(create(), invoiceDue(history(create()), '2026-01-15'));
    const state = stateOf([...given, ...when(given, amend)]);
    expect(state).toMatchObject({ billedAmount: usd('109.68'), pendingAmount: usd('300.00') });
  });
});

describe('when the quantity is amended', () => {
  const amend = { type: 'AmendBillingScheduleQuantity', billingScheduleId: id, quantity: '4' } as const;

  it('records the quantity and the new pending amount', () => {
    expect(when(history(create()), amend)).toMatchObject([
      {
        type: 'BillingScheduleQuantityAmended',
        data: { quantity: '4', snapshot: { pendingAmount: usd('219.35') } },
      },
    ]);
  });

  it('the same amendment twice yields no new event', () => {
    expect(decideTwice(history(create()), amend).second).toEqual([]);
  });
});

describe('when the dates are amended', () => {
  const amend = {
    type: 'AmendBillingScheduleDates',
    billingScheduleId: id,
    startDate: d('2026-02-01'),
    endDate: d('2026-03-31'),
  } as const;

  it('moves the start while nothing is billed', () => {
    expect(when(history(create()), amend)).toMatchObject([
      {
        type: 'BillingScheduleDatesAmended',
        data: {
          startDate: '2026-02-01',
          endDate: '2026-03-31',
          snapshot: { nextChargeFromDate: '2026-02-01', pendingAmount: usd('200.00') },
        },
      },
    ]);
  });

  it('the same amendment twice yields no new event', () => {
    expect(decideTwice(history(create()), amend).second).toEqual([]);
  });

  it('refuses to move the start once billing has started, or to end before the billed-through date', () => {
    const billed = history(create(), invoiceDue(history(create()), '2026-02-01'));
    expect(errorOf(() => when(billed, amend))).toMatchObject({
      code: 'BILLING_SCHEDULE.START_DATE_ALREADY_BILLED',
    });
    const early = { ...amend, startDate: d('2026-01-15'), endDate: d('2026-02-10') };
    expect(errorOf(() => when(billed, early))).toMatchObject({
      code: 'BILLING_SCHEDULE.END_DATE_BEFORE_BILLED_THROUGH',
    });
  });

  it('completes the schedule when the new end date leaves nothing to bill', () => {
    const billed = history(create(), invoiceDue(history(create()), '2026-02-01'));
    const endNow = { ...amend, startDate: d('2026-01-15'), endDate: d('2026-02-28') };
    expect(stateOf([...billed, ...when(billed, endNow)])).toMatchObject({
      status: 'CompletelyBilled',
      invoiceRunProcessingStatus: 'Completed',
      pendingAmount: usd('0.00'),
    });
  });
});

describe('when the schedule is cancelled', () => {
  const cancel = {
    type: 'CancelBillingSchedule',
    billingScheduleId: id,
    cancellationDate: d('2026-02-15'),
  } as const;

  it('cuts the period the cancellation date falls in (first day without service)', () => {
    const given = history(create(), invoiceDue(history(create()), '2026-01-15'));
    expect(when(given, cancel)).toMatchObject([
      {
        type: 'BillingScheduleCancelled',
        data: {
          cancellationDate: '2026-02-15',
          snapshot: { nextChargeFromDate: '2026-02-01', pendingAmount: usd('100.00') },
        },
      },
    ]);
  });

  it('the same cancellation twice yields no new event', () => {
    expect(decideTwice(history(create()), cancel).second).toEqual([]);
  });

  it('refuses a cancellation date inside billed days', () => {
    const given = history(create(), invoiceDue(history(create()), '2026-02-01'));
    expect(errorOf(() => when(given, cancel))).toMatchObject({
      code: 'BILLING_SCHEDULE.CANCELLATION_BEFORE_BILLED_THROUGH',
      kind: 'illegal-state',
    });
  });
});
