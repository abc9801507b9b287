import { currencyCode, parseMoney } from '@invoice-engine/kernel';
import type { GivenBillingScheduleState } from '../given-state';
import { d, someTerms, usd } from '../terms.fixture';
import type { BillingScheduleTerms } from '../terms';
import type { BillingScheduleCommand } from './commands';
import { decideTwice, errorOf, history, invoiceDue, stateOf, when } from './decider.fixture';

const id = 'bs-1';

function createWith(
  givenState: GivenBillingScheduleState,
  terms: BillingScheduleTerms = someTerms(),
): BillingScheduleCommand {
  return { type: 'CreateBillingSchedule', terms, givenState };
}

describe('a schedule created as already billed through a date', () => {
  const command = createWith({ billedThroughDate: d('2026-02-28') });

  it('records its creation, then the state derived from that date', () => {
    const [created, imported] = when([], command);
    expect(created?.type).toBe('BillingScheduleCreated');
    expect(imported).toEqual({
      type: 'BillingScheduleStateImported',
      data: {
        billingScheduleId: id,
        failure: null,
        snapshot: {
          status: 'ReadyForInvoicing',
          invoiceRunProcessingStatus: 'PendingBilling',
          nextChargeFromDate: '2026-03-01',
          nextBillingDate: '2026-03-01',
          billedThroughDate: '2026-02-28',
          billedAmount: usd('309.68'),
          pendingAmount: usd('200.00'),
        },
      },
    });
  });

  it('is created once: the same command twice yields no new event', () => {
    expect(decideTwice([], command).second).toEqual([]);
  });

  it('bills only the periods from the next charge date on', () => {
    const given = history(command);
    const invoice = invoiceDue(given, '2026-03-01');
    expect(invoice.periods.map((period) => period.periodStart)).toEqual(['2026-03-01']);
    expect(stateOf([...given, ...when(given, invoice)])).toMatchObject({
      nextChargeFromDate: '2026-04-01',
      billedThroughDate: '2026-03-31',
      billedAmount: usd('509.68'),
    });
  });

  it('refuses a cancellation that reaches back into the days given as billed', () => {
    const cancel: BillingScheduleCommand = {
      type: 'CancelBillingSchedule',
      billingScheduleId: id,
      cancellationDate: d('2026-02-15'),
    };
    expect(errorOf(() => when(history(command), cancel))).toMatchObject({
      code: 'BILLING_SCHEDULE.CANCELLATION_BEFORE_BILLED_THROUGH',
    });
  });

  it('keeps a billed amount given explicitly', () => {
    const state = stateOf(
      history(createWith({ nextChargeFromDate: d('2026-03-01'), billedAmount: usd('300.00') })),
    );
    expect(state).toMatchObject({ billedThroughDate: '2026-02-28', billedAmount: usd('300.00') });
  });
});

describe('a schedule created with a given status', () => {
  it('derives the processing status from the status', () => {
    expect(stateOf(history(createWith({ status: 'Processing' })))).toMatchObject({
      status: 'Processing',
      invoiceRunProcessingStatus: 'InProgress',
      nextChargeFromDate: '2026-01-15',
      pendingAmount: usd('109.68'),
    });
  });

  it('derives the status from the processing status', () => {
    expect(stateOf(history(createWith({ invoiceRunProcessingStatus: 'Error' })))).toMatchObject({
      status: 'Error',
      invoiceRunProcessingStatus: 'Error',
      failure: { errorCode: 'BILLING_SCHEDULE.GIVEN_IN_ERROR' },
    });
  });

  it('given in Error is reset by a recovery into the status its position implies', () => {
    const given = history(createWith({ status: 'Error' }));
    const reset = when(given, {
      type: 'ResetBillingScheduleFromError',
      billingScheduleId: id,
      recoveryRunId: 'r',
    });
    expect(stateOf([...given, ...reset])).toMatchObject({
      status: 'ReadyForInvoicing',
      invoiceRunProcessingStatus: 'PendingBilling',
    });
  });

  it('is CompletelyBilled when nothing remains after the next charge date', () => {
    const terms = someTerms({ endDate: d('2026-02-28') });
    const state = stateOf(
      history(createWith({ status: 'CompletelyBilled', nextChargeFromDate: d('2026-03-01') }, terms)),
    );
    expect(state).toMatchObject({
      invoiceRunProcessingStatus: 'Completed',
      nextBillingDate: null,
      billedAmount: usd('309.68'),
      pendingAmount: usd('0.00'),
    });
  });

  it('keeps a next billing date given as null (it cannot be determined)', () => {
    expect(stateOf(history(createWith({ nextBillingDate: null })))).toMatchObject({
      status: 'ReadyForInvoicing',
      nextBillingDate: null,
      pendingAmount: usd('109.68'),
    });
  });
});

describe('a given state that contradicts the terms', () => {
  const refused: readonly [string, GivenBillingScheduleState, BillingScheduleTerms, string][] = [
    [
      'a status pair that does not pair',
      { status: 'Processing', invoiceRunProcessingStatus: 'PendingBilling' },
      someTerms(),
      'GIVEN_STATUS_PAIR_MISMATCH',
    ],
    [
      'WillNotInvoice on a schedule that generates invoices',
      { invoiceRunProcessingStatus: 'WillNotInvoice' },
      someTerms(),
      'GIVEN_STATUS_CONTRADICTS_GENERATE_INVOICE',
    ],
    [
      'PendingBilling on a schedule that does not generate invoices',
      { invoiceRunProcessingStatus: 'PendingBilling' },
      someTerms({ generateInvoice: false }),
      'GIVEN_STATUS_CONTRADICTS_GENERATE_INVOICE',
    ],
    [
      'CompletelyBilled with periods left',
      { status: 'CompletelyBilled' },
      someTerms(),
      'GIVEN_STATUS_CONTRADICTS_POSITION',
    ],
    [
      'ReadyForInvoicing with nothing left',
      { status: 'ReadyForInvoicing', nextChargeFromDate: d('2026-03-01') },
      someTerms({ endDate: d('2026-02-28') }),
      'GIVEN_STATUS_CONTRADICTS_POSITION',
    ],
    [
      'a next charge date inside a period',
      { nextChargeFromDate: d('2026-02-10') },
      someTerms(),
      'GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START',
    ],
    [
      'a next charge date before the start',
      { nextChargeFromDate: d('2026-01-01') },
      someTerms(),
      'GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START',
    ],
    [
      'a next charge date past the end',
      { nextChargeFromDate: d('2026-04-01') },
      someTerms({ endDate: d('2026-02-28') }),
      'GIVEN_NEXT_CHARGE_FROM_DATE_NOT_A_PERIOD_START',
    ],
    [
      'a billed-through date that is not the day before the next charge date',
      { nextChargeFromDate: d('2026-03-01'), billedThroughDate: d('2026-02-27') },
      someTerms(),
      'GIVEN_BILLED_THROUGH_DATE_MISMATCH',
    ],
    [
      'a next billing date before the next charge date',
      { nextChargeFromDate: d('2026-03-01'), nextBillingDate: d('2026-02-01') },
      someTerms(),
      'GIVEN_NEXT_BILLING_DATE_BEFORE_NEXT_CHARGE_FROM_DATE',
    ],
    [
      'an amount in another currency',
      { billedAmount: parseMoney('1.00', currencyCode('EUR')) },
      someTerms(),
      'GIVEN_AMOUNT_CURRENCY_MISMATCH',
    ],
    ['a negative amount', { pendingAmount: usd('-1.00') }, someTerms(), 'GIVEN_AMOUNT_NEGATIVE'],
    [
      'a pending amount when nothing remains',
      { nextChargeFromDate: d('2026-03-01'), pendingAmount: usd('5.00') },
      someTerms({ endDate: d('2026-02-28') }),
      'GIVEN_AMOUNTS_INCONSISTENT',
    ],
    [
      'OrderAmount billed + pending other than the total',
      { nextChargeFromDate: d('2026-02-01'), billedAmount: usd('10.00') },
      someTerms({
        billingMethod: 'OrderAmount',
        totalAmount: usd('100.00'),
        startDate: d('2026-01-01'),
        endDate: d('2026-12-31'),
      }),
      'GIVEN_AMOUNTS_INCONSISTENT',
    ],
    [
      'a position without a start date',
      { billedAmount: usd('1.00') },
      someTerms({ startDate: null }),
      'GIVEN_POSITION_WITHOUT_START_DATE',
    ],
  ];

  it.each(refused)('refuses %s as invalid input', (_, givenState, terms, code) => {
    expect(errorOf(() => when([], createWith(givenState, terms)))).toMatchObject({
      code: `BILLING_SCHEDULE.${code}`,
      kind: 'validation',
    });
  });

  it('accepts an OrderAmount whose billed and pending amounts make up the total', () => {
    const terms = someTerms({
      billingMethod: 'OrderAmount',
      totalAmount: usd('100.00'),
      startDate: d('2026-01-01'),
      endDate: d('2026-12-31'),
    });
    expect(stateOf(history(createWith({ nextChargeFromDate: d('2026-02-01') }, terms)))).toMatchObject({
      billedAmount: usd('8.33'),
      pendingAmount: usd('91.67'),
    });
  });
});
