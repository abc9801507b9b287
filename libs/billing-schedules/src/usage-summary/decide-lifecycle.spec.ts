import { calendarDate, currencyCode } from '@invoice-engine/kernel';
import {
  cancel,
  create,
  decideTwice,
  errorOf,
  history,
  markInvoiced,
  queueForGroupCalculation,
  queuedForInvoice,
  recordUsage,
  stateOf,
  summaryId,
  usd,
  usdCents,
  when,
} from './usage-summary.fixture';

describe('when a usage summary is created', () => {
  it('starts New / WillNotInvoice with no usage', () => {
    const events = when([], create);
    expect(events).toEqual([
      {
        type: 'UsageSummaryCreated',
        data: {
          usageSummaryId: summaryId,
          billingScheduleId: 'bs-usage-1',
          periodStart: '2026-02-01',
          periodEnd: '2026-02-28',
          currency: 'USD',
          status: 'New',
          invoiceRunProcessingStatus: 'WillNotInvoice',
        },
      },
    ]);
    expect(stateOf(events)).toMatchObject({
      quantity: '0',
      ratedAmount: usdCents(0n),
      includedQuantity: null,
    });
  });

  it('creates once: the same command twice yields no new event', () => {
    expect(decideTwice([], create).second).toEqual([]);
  });

  it('refuses other fields under the same id', () => {
    const otherPeriod = { ...create, periodEnd: calendarDate('2026-03-31') };
    expect(errorOf(() => when(history(create), otherPeriod))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_EXISTS',
      kind: 'conflict',
    });
  });

  it('refuses a period that ends before it starts, and an unknown currency', () => {
    const backwards = { ...create, periodEnd: calendarDate('2026-01-31') };
    expect(errorOf(() => when([], backwards))).toMatchObject({
      code: 'USAGE_SUMMARY.INVALID_PERIOD',
      kind: 'validation',
    });
    const notIso = { ...create, currency: 'XYZ' as typeof usd };
    expect(errorOf(() => when([], notIso))).toMatchObject({ code: 'USAGE_SUMMARY.UNKNOWN_CURRENCY' });
  });

  it('accepts a one-day period (end on the start)', () => {
    const oneDay = { ...create, periodEnd: calendarDate('2026-02-01'), currency: currencyCode('JPY') };
    expect(when([], oneDay)).toMatchObject([{ type: 'UsageSummaryCreated', data: { currency: 'JPY' } }]);
  });

  it('refuses any other command on a summary that does not exist', () => {
    expect(errorOf(() => when([], recordUsage('u-1', '1')))).toMatchObject({
      code: 'USAGE_SUMMARY.NOT_FOUND',
      kind: 'not-found',
    });
  });
});

describe('when a summary queued for invoice is invoiced', () => {
  it('moves to Processed / Completed with the rated amount', () => {
    const given = queuedForInvoice();
    const events = when(given, markInvoiced('inv-7', 'run-3'));
    expect(events).toEqual([
      {
        type: 'UsageSummaryInvoiced',
        data: {
          usageSummaryId: summaryId,
          runId: 'run-3',
          invoiceId: 'inv-7',
          ratedAmount: usdCents(4250n),
          status: 'Processed',
          invoiceRunProcessingStatus: 'Completed',
        },
      },
    ]);
    expect(stateOf([...given, ...events])).toMatchObject({ invoice: { runId: 'run-3', invoiceId: 'inv-7' } });
  });

  it('invoices once: the same invoice twice yields no new event', () => {
    expect(decideTwice(queuedForInvoice(), markInvoiced()).second).toEqual([]);
  });

  it('refuses a second invoice for a Processed summary', () => {
    const processed = [...queuedForInvoice(), ...when(queuedForInvoice(), markInvoiced('inv-1'))];
    expect(errorOf(() => when(processed, markInvoiced('inv-2')))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_INVOICED',
      kind: 'conflict',
    });
  });

  it('never invoices a New summary, one still being calculated, or a cancelled one', () => {
    const notInvoiceable = [
      history(create),
      history(create, recordUsage('u-1', '5'), queueForGroupCalculation),
      history(create, recordUsage('u-1', '5'), cancel),
    ];
    for (const given of notInvoiceable) {
      expect(errorOf(() => when(given, markInvoiced()))).toMatchObject({
        code: 'USAGE_SUMMARY.NOT_INVOICEABLE',
        kind: 'illegal-state',
      });
    }
  });
});

describe('when a summary is cancelled', () => {
  it('moves to Cancelled / WillNotInvoice from New or with usage queued', () => {
    for (const given of [history(create), queuedForInvoice()]) {
      expect(when(given, cancel)).toEqual([
        {
          type: 'UsageSummaryCancelled',
          data: {
            usageSummaryId: summaryId,
            status: 'Cancelled',
            invoiceRunProcessingStatus: 'WillNotInvoice',
          },
        },
      ]);
    }
  });

  it('cancels once: the same command twice yields no new event', () => {
    expect(decideTwice(queuedForInvoice(), cancel).second).toEqual([]);
  });

  it('refuses to cancel a Processed summary', () => {
    const processed = [...queuedForInvoice(), ...when(queuedForInvoice(), markInvoiced())];
    expect(errorOf(() => when(processed, cancel))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_PROCESSED',
      kind: 'illegal-state',
    });
  });

  it('takes no usage afterwards', () => {
    const cancelled = history(create, cancel);
    expect(errorOf(() => when(cancelled, recordUsage('u-1', '3')))).toMatchObject({
      code: 'USAGE_SUMMARY.CANCELLED',
      kind: 'illegal-state',
    });
  });
});
