import fc from 'fast-check';
import { currencyCode, money, type CurrencyCode } from '@invoice-engine/kernel';
import {
  filteringCounts,
  domainErrorOf,
  failedGroup,
  succeededGroup,
  amounts,
  progressOf,
  RUN_ID,
  USD,
  EUR,
} from './run-examples';
import type { GroupOutcome } from './group-outcome';
import { emptyRunProgress, foldGroupOutcomes, recordGroupOutcome } from './run-progress';
import { summarizeRun } from './run-summary';

describe('folding group outcomes', () => {
  it('counts schedules, invoices and amounts of every work item', () => {
    const progress = progressOf([
      succeededGroup('A', { subtotal: 10000n, tax: 725n }),
      succeededGroup('A', { chunkIndex: 1, subtotal: 5000n, tax: 363n, status: 'Posted' }),
      failedGroup('B', 3),
    ]);
    expect(progress.counts).toEqual({
      groupsCompleted: 3,
      groupsFailed: 1,
      billingSchedulesProcessed: 2,
      billingSchedulesFailed: 3,
      invoicesGenerated: 3,
      invoicesFailed: 1,
      draftInvoices: 1,
      postedInvoices: 1,
      totalsByCurrency: { USD: { invoiced: money(16088n, USD), draft: money(10725n, USD) } },
    });
  });

  it('changes nothing for the same outcome twice', () => {
    const once = progressOf([succeededGroup('A')]);
    const { progress, recordings } = foldGroupOutcomes(once, [succeededGroup('A')]);
    expect(progress).toEqual(once);
    expect(recordings.map((recording) => recording.result)).toEqual(['AlreadyRecorded']);
  });

  it('counts nothing for a contradicting second outcome of a work item and reports it', () => {
    const once = progressOf([succeededGroup('A')]);
    const { progress, recordings } = foldGroupOutcomes(once, [failedGroup('A')]);
    expect(progress.counts).toEqual(once.counts);
    expect(recordings[0]?.result).toBe('ConflictingOutcome');
  });

  it('refuses an outcome of another run', () => {
    const foreign = { ...succeededGroup('A'), runId: 'run-2' };
    expect(domainErrorOf(() => recordGroupOutcome(emptyRunProgress(RUN_ID), foreign)).code).toBe(
      'INVOICE_BATCH_RUN.GROUP_OUTCOME_OF_ANOTHER_RUN',
    );
  });

  it.each<[string, GroupOutcome]>([
    ['invoice ids and count disagree', { ...succeededGroup('A'), invoicesGenerated: 2 }],
    ['an Error outcome carries amounts', { ...failedGroup('A'), amounts: [amounts(USD, 100n, 7n)] }],
    ['a Draft outcome has a failed schedule', { ...succeededGroup('A'), billingSchedulesFailed: 1 }],
    [
      'a total is not subtotal + tax',
      { ...succeededGroup('A'), amounts: [{ ...amounts(USD, 100n, 7n), total: money(100n, USD) }] },
    ],
    [
      'a currency appears twice',
      { ...succeededGroup('A'), amounts: [amounts(USD, 1n, 0n), amounts(USD, 2n, 0n)] },
    ],
    ['a negative chunk index', { ...succeededGroup('A'), chunkIndex: -1 }],
  ])('rejects an outcome where %s', (_case, outcome) => {
    expect(domainErrorOf(() => recordGroupOutcome(emptyRunProgress(RUN_ID), outcome)).code).toBe(
      'INVOICE_BATCH_RUN.INVALID_GROUP_OUTCOME',
    );
  });
});

const currencies: readonly CurrencyCode[] = [USD, EUR, currencyCode('JPY')];

const workItems = fc.uniqueArray(
  fc.record({ groupingKey: fc.stringMatching(/^[a-z]{1,5}$/), chunkIndex: fc.nat(3) }),
  { selector: (item) => `${item.chunkIndex}/${item.groupingKey}`, maxLength: 15 },
);

function outcomeFor(item: { groupingKey: string; chunkIndex: number }): fc.Arbitrary<GroupOutcome> {
  const succeeded = fc
    .record({
      currency: fc.constantFrom(...currencies),
      subtotal: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      tax: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      status: fc.constantFrom('Draft' as const, 'Posted' as const),
      schedules: fc.integer({ min: 1, max: 2000 }),
    })
    .map((options) => succeededGroup(item.groupingKey, { ...options, chunkIndex: item.chunkIndex }));
  const failed = fc
    .integer({ min: 1, max: 2000 })
    .map((schedules) => ({ ...failedGroup(item.groupingKey, schedules), chunkIndex: item.chunkIndex }));
  return fc.oneof(succeeded, failed);
}

/** Distinct outcomes, and the same outcomes redelivered (duplicates) in some other order. */
const outcomesAndRedelivery = workItems
  .chain((items) => fc.tuple(...items.map(outcomeFor)))
  .chain((outcomes) =>
    fc
      .array(fc.constantFrom(...(outcomes.length > 0 ? outcomes : [succeededGroup('only')])), {
        maxLength: 10,
      })
      .map((duplicates) => (outcomes.length > 0 ? duplicates : []))
      .chain((duplicates) =>
        fc
          .shuffledSubarray([...outcomes, ...duplicates], { minLength: outcomes.length + duplicates.length })
          .map((redelivered) => ({ outcomes, redelivered })),
      ),
  );

describe('the summary of folded outcomes', () => {
  it('is the same in any order and with any duplicates', () => {
    fc.assert(
      fc.property(outcomesAndRedelivery, ({ outcomes, redelivered }) => {
        const filtering = filteringCounts(outcomes.length);
        const inOrder = summarizeRun(filtering, progressOf(outcomes).counts, USD);
        const shuffled = summarizeRun(filtering, progressOf(redelivered).counts, USD);
        expect(shuffled).toEqual(inOrder);
        expect(JSON.stringify(Object.keys(shuffled.totalsByCurrency))).toBe(
          JSON.stringify(Object.keys(inOrder.totalsByCurrency)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is the same whether outcomes arrive in one batch or one by one', () => {
    fc.assert(
      fc.property(outcomesAndRedelivery, ({ redelivered }) => {
        const oneByOne = redelivered.reduce(recordGroupOutcome, emptyRunProgress(RUN_ID));
        expect(oneByOne).toEqual(progressOf(redelivered));
      }),
      { numRuns: 100 },
    );
  });
});
