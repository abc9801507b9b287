import { currencyCode, money } from '@invoice-engine/kernel';
import {
  completeGroupCalculation,
  completeSubtotalCalculation,
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

const withUsage = () => history(create, recordUsage('u-1', '120', usdCents(6000n)));
const queuedForGroup = () =>
  history(create, recordUsage('u-1', '120', usdCents(6000n)), queueForGroupCalculation);
const queuedForSubtotal = () => [
  ...queuedForGroup(),
  ...when(queuedForGroup(), completeGroupCalculation('100')),
];

describe('when a summary with usage is queued for group calculation', () => {
  it('moves to QueuedForGroupCalculation / PendingBilling', () => {
    expect(when(withUsage(), queueForGroupCalculation)).toEqual([
      {
        type: 'UsageSummaryQueuedForGroupCalculation',
        data: {
          usageSummaryId: summaryId,
          status: 'QueuedForGroupCalculation',
          invoiceRunProcessingStatus: 'PendingBilling',
        },
      },
    ]);
  });

  it('queues once: the same command twice yields no new event', () => {
    expect(decideTwice(withUsage(), queueForGroupCalculation).second).toEqual([]);
  });

  it('refuses a New summary: it holds no usage to calculate', () => {
    expect(errorOf(() => when(history(create), queueForGroupCalculation))).toMatchObject({
      code: 'USAGE_SUMMARY.NO_USAGE',
      kind: 'illegal-state',
    });
  });

  it('refuses a Processed summary', () => {
    const processed = [...queuedForInvoice(), ...when(queuedForInvoice(), markInvoiced())];
    expect(errorOf(() => when(processed, queueForGroupCalculation))).toMatchObject({
      code: 'USAGE_SUMMARY.ALREADY_PROCESSED',
    });
  });
});

describe('when group calculation completes', () => {
  it('records the included usage and moves to QueuedForSubtotalCalculation', () => {
    expect(when(queuedForGroup(), completeGroupCalculation('100'))).toEqual([
      {
        type: 'UsageGroupCalculationCompleted',
        data: {
          usageSummaryId: summaryId,
          includedQuantity: '100',
          billableQuantity: '20',
          status: 'QueuedForSubtotalCalculation',
          invoiceRunProcessingStatus: 'PendingBilling',
        },
      },
    ]);
  });

  it('completes once: the same result twice yields no new event', () => {
    expect(decideTwice(queuedForGroup(), completeGroupCalculation('100')).second).toEqual([]);
  });

  it('refuses another result once done, and a result for a summary not queued for it', () => {
    expect(errorOf(() => when(queuedForSubtotal(), completeGroupCalculation('90')))).toMatchObject({
      code: 'USAGE_SUMMARY.NOT_QUEUED_FOR_CALCULATION',
      kind: 'illegal-state',
    });
    expect(errorOf(() => when(withUsage(), completeGroupCalculation('100')))).toMatchObject({
      code: 'USAGE_SUMMARY.NOT_QUEUED_FOR_CALCULATION',
    });
  });

  it('refuses more included usage than the quantity, and a negative one', () => {
    expect(errorOf(() => when(queuedForGroup(), completeGroupCalculation('120.01')))).toMatchObject({
      code: 'USAGE_SUMMARY.INCLUDED_EXCEEDS_QUANTITY',
      kind: 'validation',
    });
    expect(errorOf(() => when(queuedForGroup(), completeGroupCalculation('-1')))).toMatchObject({
      code: 'USAGE_SUMMARY.NEGATIVE_QUANTITY',
    });
  });
});

describe('when subtotal calculation completes', () => {
  it('records the rated amount of the volume tiers and moves to QueuedForInvoice', () => {
    const given = queuedForSubtotal();
    const events = when(given, completeSubtotalCalculation(usdCents(4250n)));
    expect(events).toEqual([
      {
        type: 'UsageSubtotalCalculationCompleted',
        data: {
          usageSummaryId: summaryId,
          ratedAmount: usdCents(4250n),
          status: 'QueuedForInvoice',
          invoiceRunProcessingStatus: 'PendingBilling',
        },
      },
    ]);
    expect(stateOf([...given, ...events])).toMatchObject({ ratedAmount: usdCents(4250n), quantity: '120' });
  });

  it('completes once: the same result twice yields no new event', () => {
    expect(decideTwice(queuedForSubtotal(), completeSubtotalCalculation(usdCents(4250n))).second).toEqual([]);
  });

  it('refuses another result once done, a summary not queued for it, and another currency', () => {
    expect(errorOf(() => when(queuedForInvoice(), completeSubtotalCalculation(usdCents(1n))))).toMatchObject({
      code: 'USAGE_SUMMARY.NOT_QUEUED_FOR_CALCULATION',
    });
    expect(errorOf(() => when(queuedForGroup(), completeSubtotalCalculation(usdCents(1n))))).toMatchObject({
      code: 'USAGE_SUMMARY.NOT_QUEUED_FOR_CALCULATION',
    });
    const euros = money(4250n, currencyCode('EUR'));
    expect(errorOf(() => when(queuedForSubtotal(), completeSubtotalCalculation(euros)))).toMatchObject({
      code: 'USAGE_SUMMARY.CURRENCY_MISMATCH',
    });
  });

  it('is recalculated from group calculation when usage arrives after it', () => {
    const given = [...queuedForInvoice(), ...when(queuedForInvoice(), recordUsage('u-2', '30'))];
    const requeued = [...given, ...when(given, queueForGroupCalculation)];
    expect(stateOf(requeued)).toMatchObject({ quantity: '150', status: 'QueuedForGroupCalculation' });
    expect(when(requeued, completeGroupCalculation('100'))).toMatchObject([
      { data: { billableQuantity: '50', status: 'QueuedForSubtotalCalculation' } },
    ]);
  });
});
