import { isUsageSummaryInvoiceable } from './invoiceable';
import {
  cancel,
  completeGroupCalculation,
  create,
  history,
  markInvoiced,
  queueForGroupCalculation,
  queuedForInvoice,
  recordUsage,
  stateOf,
  when,
} from './usage-summary.fixture';

describe('which usage summaries a run may invoice', () => {
  it('is only a summary queued for invoice', () => {
    expect(isUsageSummaryInvoiceable(stateOf(queuedForInvoice()))).toBe(true);
    expect(isUsageSummaryInvoiceable(stateOf(history(create, recordUsage('u-1', '1'))))).toBe(true);
  });

  it('is never a New summary, one being calculated, a Processed or a Cancelled one', () => {
    const withUsage = [create, recordUsage('u-1', '5')] as const;
    const processed = [...queuedForInvoice(), ...when(queuedForInvoice(), markInvoiced())];
    const others = [
      [],
      history(create),
      history(...withUsage, queueForGroupCalculation),
      history(...withUsage, queueForGroupCalculation, completeGroupCalculation('0')),
      processed,
      history(...withUsage, cancel),
    ];
    expect(others.map((events) => isUsageSummaryInvoiceable(stateOf(events)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
