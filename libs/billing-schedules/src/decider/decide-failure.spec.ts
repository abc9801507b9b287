import { someTerms } from '../terms.fixture';
import { create, decideTwice, history, invoiceDue, stateOf, when, errorOf } from './decider.fixture';

const id = 'bs-1';
const markError = {
  type: 'MarkBillingScheduleError',
  billingScheduleId: id,
  runId: 'run-1',
  errorCode: 'TAX.NO_RATE',
  message: 'No tax rate for SW in US-CA',
} as const;
const reset = {
  type: 'ResetBillingScheduleFromError',
  billingScheduleId: id,
  recoveryRunId: 'recovery-1',
} as const;

describe('when the schedule group fails in a run', () => {
  it('records the failure: Error / Error, periods not invoiced', () => {
    const given = history(create());
    const events = when(given, markError);
    expect(events).toEqual([
      {
        type: 'BillingScheduleProcessingFailed',
        data: {
          billingScheduleId: id,
          runId: 'run-1',
          errorCode: 'TAX.NO_RATE',
          message: 'No tax rate for SW in US-CA',
        },
      },
    ]);
    expect(stateOf([...given, ...events])).toMatchObject({
      status: 'Error',
      invoiceRunProcessingStatus: 'Error',
      nextChargeFromDate: '2026-01-15',
      invoicedPeriods: [],
    });
  });

  it('fails once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create()), markError).second).toEqual([]);
  });

  it('refuses lines until a recovery resets it', () => {
    const failed = history(create(), markError);
    expect(errorOf(() => when(failed, invoiceDue(failed, '2026-02-01')))).toMatchObject({
      code: 'BILLING_SCHEDULE.IN_ERROR',
    });
  });

  it('cannot fail once completely billed', () => {
    const oneTime = someTerms({
      chargeType: 'OneTime',
      billingTermUnit: 'OneTime',
      pricingTermUnit: 'OneTime',
    });
    const billed = history(create(oneTime), invoiceDue(history(create(oneTime)), '2026-01-15'));
    expect(errorOf(() => when(billed, markError))).toMatchObject({
      code: 'BILLING_SCHEDULE.COMPLETELY_BILLED',
    });
  });
});

describe('when a recovery resets a schedule in Error', () => {
  it('returns it to ReadyForInvoicing / PendingBilling', () => {
    expect(when(history(create(), markError), reset)).toMatchObject([
      {
        type: 'BillingScheduleErrorReset',
        data: {
          recoveryRunId: 'recovery-1',
          snapshot: {
            status: 'ReadyForInvoicing',
            invoiceRunProcessingStatus: 'PendingBilling',
            nextChargeFromDate: '2026-01-15',
          },
        },
      },
    ]);
  });

  it('resets once: the same command twice yields no new event', () => {
    expect(decideTwice(history(create(), markError), reset).second).toEqual([]);
  });

  it('after the failed draft is canceled, lets a later run bill the released periods', () => {
    const drafted = history(
      create(),
      invoiceDue(history(create()), '2026-02-01', { invoiceStatus: 'Draft', invoiceId: 'draft-1' }),
    );
    const recovered = [...drafted, ...when(drafted, markError)];
    const released = [
      ...recovered,
      ...when(recovered, { type: 'ReleaseInvoicedPeriods', billingScheduleId: id, invoiceId: 'draft-1' }),
    ];
    const afterReset = [...released, ...when(released, reset)];
    expect(stateOf(afterReset)).toMatchObject({
      status: 'ReadyForInvoicing',
      nextChargeFromDate: '2026-01-15',
      invoicedPeriods: [],
    });
    expect(invoiceDue(afterReset, '2026-02-01', { runId: 'run-2' }).periods).toHaveLength(2);
  });
});
