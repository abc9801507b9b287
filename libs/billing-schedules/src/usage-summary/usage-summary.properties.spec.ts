import fc from 'fast-check';
import { DomainError } from '@invoice-engine/kernel';
import type { UsageSummaryCommand } from './commands';
import type { UsageSummaryEvent } from './events';
import { isValidUsageSummaryStatusPair } from './status';
import {
  cancel,
  completeGroupCalculation,
  completeSubtotalCalculation,
  create,
  markInvoiced,
  queueForGroupCalculation,
  recordUsage,
  usdCents,
} from './usage-summary.fixture';
import type { UsageSummaryDeciderState } from './usage-summary';
import { evolveUsageSummary } from './evolve';
import { decideUsageSummary, initialUsageSummaryState } from './usage-summary-decider';

/** The pairs section 1 allows, written out here so the property does not trust the code's own table. */
const ALLOWED_PAIRS = new Set([
  'New/WillNotInvoice',
  'QueuedForGroupCalculation/PendingBilling',
  'QueuedForSubtotalCalculation/PendingBilling',
  'QueuedForInvoice/PendingBilling',
  'Processed/Completed',
  'Cancelled/WillNotInvoice',
]);

const pairOf = (pair: { status: string; invoiceRunProcessingStatus: string }) =>
  `${pair.status}/${pair.invoiceRunProcessingStatus}`;

const quantities = fc.constantFrom('0', '1', '2.5', '100', '-1', 'x', '1e2');
const amounts = fc.option(fc.bigInt({ min: -5n, max: 10_000n }).map(usdCents), { nil: null });

const commands: fc.Arbitrary<UsageSummaryCommand> = fc.oneof(
  fc.constant(create),
  fc
    .tuple(fc.constantFrom('u-1', 'u-2', 'u-3', 'u-4'), fc.option(quantities, { nil: null }), amounts)
    .map(([usageId, quantity, amount]) => recordUsage(usageId, quantity, amount)),
  fc.constant(queueForGroupCalculation),
  quantities.map(completeGroupCalculation),
  fc.bigInt({ min: -5n, max: 10_000n }).map((minor) => completeSubtotalCalculation(usdCents(minor))),
  fc.constantFrom('inv-1', 'inv-2').map((invoiceId) => markInvoiced(invoiceId)),
  fc.constant(cancel),
);

/** Decides one command; a refusal (DomainError) yields no events, anything else fails the property. */
function attempt(
  command: UsageSummaryCommand,
  state: UsageSummaryDeciderState,
): readonly UsageSummaryEvent[] {
  try {
    return decideUsageSummary(command, state);
  } catch (error) {
    if (error instanceof DomainError) return [];
    throw error;
  }
}

describe('any sequence of usage summary commands', () => {
  it('keeps the status pair valid, New empty, and Processed final and closed to usage', () => {
    fc.assert(
      fc.property(fc.array(commands, { maxLength: 40 }), (sequence) => {
        let state = initialUsageSummaryState();
        for (const command of sequence) {
          const before = state;
          const events = attempt(command, state);
          for (const event of events) {
            expect(ALLOWED_PAIRS).toContain(pairOf(event.data));
            state = evolveUsageSummary(state, event);
          }
          if (state.status === 'NotCreated') continue;
          expect(ALLOWED_PAIRS).toContain(pairOf(state));
          expect(isValidUsageSummaryStatusPair(state)).toBe(true);
          if (state.status === 'New')
            expect({ quantity: state.quantity, usage: state.recordedUsage.size }).toEqual({
              quantity: '0',
              usage: 0,
            });
          if (before.status === 'Processed') {
            expect(events.filter((event) => event.type === 'UsageRecorded')).toEqual([]);
            expect(state.status).toBe('Processed');
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
