import fc from 'fast-check';
import { currencyCode, money, type CurrencyCode } from '@invoice-engine/kernel';
import {
  filteringCounts,
  domainErrorOf,
  failedGroup,
  succeededGroup,
  amounts,
  progressOf,
  sequenced,
  RUN_ID,
  USD,
  EUR,
} from './run-examples';
import { groupChunkKey, type GroupOutcome } from './group-outcome';
import {
  emptyRunProgress,
  foldGroupOutcomes,
  foldStoredOutcomes,
  lastCountedSequence,
  recordStoredOutcome,
  type RunProgress,
  type SequencedGroupOutcome,
} from './run-progress';
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

  it('changes nothing for an outcome already counted (a redelivery)', () => {
    const once = progressOf([succeededGroup('A')]);
    const { progress, recordings } = foldStoredOutcomes(once, sequenced([succeededGroup('A')]));
    expect(progress).toEqual(once);
    expect(recordings.map((recording) => recording.result)).toEqual(['AlreadyRecorded']);
  });

  it('counts in sequence order, whatever order the batch lists them in', () => {
    const [first, second] = sequenced([succeededGroup('A'), failedGroup('B', 2)]);
    if (first === undefined || second === undefined) throw new Error('two outcomes expected');
    const { progress, recordings } = foldStoredOutcomes(emptyRunProgress(RUN_ID), [second, first]);
    expect(progress).toEqual(progressOf([succeededGroup('A'), failedGroup('B', 2)]));
    expect(recordings.map((recording) => recording.sequence)).toEqual([1, 2]);
  });

  it('keeps no list of counted work items, so its size does not grow with the run', () => {
    const many = Array.from({ length: 50 }, (_, index) => succeededGroup(`G${index}`));
    expect(Object.keys(progressOf(many))).toEqual(['runId', 'counts']);
    expect(lastCountedSequence(progressOf(many))).toBe(50);
  });

  it('refuses to skip stored outcomes it has not folded, as a conflict to read them and retry', () => {
    const error = domainErrorOf(() =>
      foldStoredOutcomes(progressOf([succeededGroup('A')]), sequenced([succeededGroup('C')], 2)),
    );
    expect([error.code, error.kind]).toEqual(['INVOICE_BATCH_RUN.OUTCOME_SEQUENCE_GAP', 'conflict']);
  });

  it('refuses a sequence number that is not a positive integer', () => {
    const outcome = { sequence: 0, outcome: succeededGroup('A') };
    expect(domainErrorOf(() => recordStoredOutcome(emptyRunProgress(RUN_ID), outcome)).code).toBe(
      'INVOICE_BATCH_RUN.INVALID_OUTCOME_SEQUENCE',
    );
  });

  it('folds a list held at once as the store would number it: a repeated work item counts once', () => {
    const listed = foldGroupOutcomes(emptyRunProgress(RUN_ID), [
      succeededGroup('A'),
      failedGroup('A'),
      failedGroup('B', 2),
    ]);
    expect(listed.progress).toEqual(progressOf([succeededGroup('A'), failedGroup('B', 2)]));
    expect(listed.recordings.map((recording) => recording.result)).toEqual([
      'Recorded',
      'AlreadyRecorded',
      'Recorded',
    ]);
  });

  it('refuses an outcome of another run', () => {
    const foreign = { sequence: 1, outcome: { ...succeededGroup('A'), runId: 'run-2' } };
    expect(domainErrorOf(() => recordStoredOutcome(emptyRunProgress(RUN_ID), foreign)).code).toBe(
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
    expect(
      domainErrorOf(() => recordStoredOutcome(emptyRunProgress(RUN_ID), { sequence: 1, outcome })).code,
    ).toBe('INVOICE_BATCH_RUN.INVALID_GROUP_OUTCOME');
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

/**
 * What the outcome store does with arriving outcomes: the first outcome of a work item gets the next
 * number, a repeat gets the number already given (the store reports it as a duplicate).
 */
function storeInArrivalOrder(arrivals: readonly GroupOutcome[]): readonly SequencedGroupOutcome[] {
  const numbers = new Map<string, number>();
  return arrivals.map((outcome) => {
    const key = groupChunkKey(outcome);
    const sequence = numbers.get(key) ?? numbers.size + 1;
    numbers.set(key, sequence);
    return { sequence, outcome };
  });
}

function foldArrivals(arrivals: readonly GroupOutcome[]): RunProgress {
  return foldStoredOutcomes(emptyRunProgress(RUN_ID), storeInArrivalOrder(arrivals)).progress;
}

describe('the summary of folded outcomes', () => {
  it('is the same in any order and with any duplicates', () => {
    fc.assert(
      fc.property(outcomesAndRedelivery, ({ outcomes, redelivered }) => {
        const filtering = filteringCounts(outcomes.length);
        const inOrder = summarizeRun(filtering, progressOf(outcomes).counts, USD);
        const shuffled = summarizeRun(filtering, foldArrivals(redelivered).counts, USD);
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
        const oneByOne = storeInArrivalOrder(redelivered).reduce(
          recordStoredOutcome,
          emptyRunProgress(RUN_ID),
        );
        expect(oneByOne).toEqual(foldArrivals(redelivered));
      }),
      { numRuns: 100 },
    );
  });
});
