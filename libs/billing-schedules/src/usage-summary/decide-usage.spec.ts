import { currencyCode, money } from '@invoice-engine/kernel';
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
  usdCents,
  when,
} from './usage-summary.fixture';

describe('when usage is recorded on a New summary', () => {
  it('adds it and moves the summary to QueuedForInvoice / PendingBilling', () => {
    const given = history(create);
    const events = when(given, recordUsage('u-1', '12.5', usdCents(1250n)));
    expect(events).toEqual([
      {
        type: 'UsageRecorded',
        data: {
          usageSummaryId: summaryId,
          usageId: 'u-1',
          quantity: '12.5',
          ratedAmount: usdCents(1250n),
          totalQuantity: '12.5',
          totalRatedAmount: usdCents(1250n),
          status: 'QueuedForInvoice',
          invoiceRunProcessingStatus: 'PendingBilling',
        },
      },
    ]);
  });

  it('records it once: the same usage twice yields no new event', () => {
    expect(decideTwice(history(create), recordUsage('u-1', '3')).second).toEqual([]);
  });

  it('refuses another value under a usage id already recorded', () => {
    const given = history(create, recordUsage('u-1', '3'));
    expect(errorOf(() => when(given, recordUsage('u-1', '4')))).toMatchObject({
      code: 'USAGE_SUMMARY.USAGE_ALREADY_RECORDED',
      kind: 'conflict',
    });
  });
});

describe('when more usage arrives', () => {
  it('sums quantities exactly and rated amounts in minor units', () => {
    const events = history(
      create,
      recordUsage('u-1', '0.1', usdCents(1n)),
      recordUsage('u-2', '0.2', null),
      recordUsage('u-3', null, usdCents(250n)),
    );
    expect(stateOf(events)).toMatchObject({
      quantity: '0.3',
      ratedAmount: usdCents(251n),
      status: 'QueuedForInvoice',
      invoiceRunProcessingStatus: 'PendingBilling',
    });
  });

  it('keeps a summary that is being calculated in its calculation queue', () => {
    const given = history(create, recordUsage('u-1', '1'), queueForGroupCalculation);
    expect(when(given, recordUsage('u-2', '2'))).toMatchObject([
      { data: { totalQuantity: '3', status: 'QueuedForGroupCalculation' } },
    ]);
  });
});

describe('when the usage is not valid', () => {
  const given = () => history(create);

  it.each([
    ['-1', 'USAGE_SUMMARY.NEGATIVE_QUANTITY'],
    ['1e3', 'USAGE_SUMMARY.INVALID_QUANTITY'],
    ['abc', 'USAGE_SUMMARY.INVALID_QUANTITY'],
    ['', 'USAGE_SUMMARY.INVALID_QUANTITY'],
  ])('refuses the quantity %j (%s)', (quantity, code) => {
    expect(errorOf(() => when(given(), recordUsage('u-1', quantity)))).toMatchObject({
      code,
      kind: 'validation',
    });
  });

  it('refuses a negative rated amount, another currency, and a record with neither value', () => {
    expect(errorOf(() => when(given(), recordUsage('u-1', '1', usdCents(-1n))))).toMatchObject({
      code: 'USAGE_SUMMARY.NEGATIVE_AMOUNT',
    });
    const euros = money(100n, currencyCode('EUR'));
    expect(errorOf(() => when(given(), recordUsage('u-1', '1', euros)))).toMatchObject({
      code: 'USAGE_SUMMARY.CURRENCY_MISMATCH',
    });
    expect(errorOf(() => when(given(), recordUsage('u-1', null, null)))).toMatchObject({
      code: 'USAGE_SUMMARY.EMPTY_USAGE',
    });
  });

  it('accepts a zero quantity (not negative)', () => {
    expect(when(given(), recordUsage('u-1', '0'))).toMatchObject([{ data: { totalQuantity: '0' } }]);
  });
});

describe('when the summary is Processed', () => {
  const processed = () => [...queuedForInvoice(), ...when(queuedForInvoice(), markInvoiced())];

  it('takes no more usage', () => {
    expect(errorOf(() => when(processed(), recordUsage('u-2', '1')))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_PROCESSED',
      kind: 'illegal-state',
    });
  });

  it('yields nothing for a redelivered record it already holds', () => {
    expect(when(processed(), recordUsage('u-1', '120'))).toEqual([]);
  });

  it('is not reopened by a cancel either', () => {
    expect(errorOf(() => when(processed(), cancel))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_PROCESSED',
    });
  });
});
