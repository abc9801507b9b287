import { DomainError, zeroMoney, type Money } from '@invoice-engine/kernel';
import { addToCurrencyTotals, type CurrencyTotals } from './currency-totals';
import { groupChunkKey, isFailedGroup, validateGroupOutcome, type GroupOutcome } from './group-outcome';

/** Cumulative counts of the group outcomes a run has folded so far. */
export interface GenerationCounts {
  /** Distinct work items (grouping key + chunk) with an outcome, failed ones included. */
  readonly groupsCompleted: number;
  readonly groupsFailed: number;
  readonly billingSchedulesProcessed: number;
  readonly billingSchedulesFailed: number;
  readonly invoicesGenerated: number;
  readonly invoicesFailed: number;
  readonly draftInvoices: number;
  readonly postedInvoices: number;
  readonly totalsByCurrency: CurrencyTotals;
}

/**
 * The fold of a run's group outcomes: the cumulative counts. The summarization service numbers a
 * run's stored outcomes 1, 2, 3… in the order it stores them, one number per work item (a repeat or a
 * contradicting second outcome gets none), so `counts.groupsCompleted` is also the number of the last
 * outcome counted: the fold's high-water mark. Counting by that number makes the fold idempotent
 * whatever Kafka redelivers, and keeps a checkpoint the same size however many groups a run has.
 */
export interface RunProgress {
  readonly runId: string;
  readonly counts: GenerationCounts;
}

/** A stored group outcome with its number in the run's outcome sequence (from 1, no gaps). */
export interface SequencedGroupOutcome {
  readonly sequence: number;
  readonly outcome: GroupOutcome;
}

/** What folding one outcome did: counted it, or found it already counted. */
export interface GroupOutcomeRecording {
  readonly result: 'Recorded' | 'AlreadyRecorded';
  readonly outcome: GroupOutcome;
  readonly sequence: number;
}

export function noGenerationCounts(): GenerationCounts {
  return {
    groupsCompleted: 0,
    groupsFailed: 0,
    billingSchedulesProcessed: 0,
    billingSchedulesFailed: 0,
    invoicesGenerated: 0,
    invoicesFailed: 0,
    draftInvoices: 0,
    postedInvoices: 0,
    totalsByCurrency: {},
  };
}

export function emptyRunProgress(runId: string): RunProgress {
  return { runId, counts: noGenerationCounts() };
}

function addOutcome(counts: GenerationCounts, outcome: GroupOutcome): GenerationCounts {
  const succeeded = outcome.invoicesGenerated - outcome.invoicesFailed;
  const totalsByCurrency = outcome.amounts.reduce<CurrencyTotals>((totals, amount) => {
    const draft: Money = outcome.invoiceStatus === 'Draft' ? amount.total : zeroMoney(amount.currency);
    return addToCurrencyTotals(totals, amount.total, draft);
  }, counts.totalsByCurrency);
  return {
    groupsCompleted: counts.groupsCompleted + 1,
    groupsFailed: counts.groupsFailed + (isFailedGroup(outcome) ? 1 : 0),
    billingSchedulesProcessed: counts.billingSchedulesProcessed + outcome.billingSchedulesProcessed,
    billingSchedulesFailed: counts.billingSchedulesFailed + outcome.billingSchedulesFailed,
    invoicesGenerated: counts.invoicesGenerated + outcome.invoicesGenerated,
    invoicesFailed: counts.invoicesFailed + outcome.invoicesFailed,
    draftInvoices: counts.draftInvoices + (outcome.invoiceStatus === 'Draft' ? succeeded : 0),
    postedInvoices: counts.postedInvoices + (outcome.invoiceStatus === 'Posted' ? succeeded : 0),
    totalsByCurrency,
  };
}

/** The number of the last outcome the progress counted; the next one to count is this plus one. */
export function lastCountedSequence(progress: RunProgress): number {
  return progress.counts.groupsCompleted;
}

function checkFoldable(progress: RunProgress, sequenced: SequencedGroupOutcome): void {
  const { outcome, sequence } = sequenced;
  if (outcome.runId !== progress.runId) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.GROUP_OUTCOME_OF_ANOTHER_RUN',
      'validation',
      `An outcome of run ${outcome.runId} cannot be folded into run ${progress.runId}`,
    );
  }
  validateGroupOutcome(outcome);
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_OUTCOME_SEQUENCE',
      'validation',
      `Outcome ${groupChunkKey(outcome)} of run ${outcome.runId} has sequence ${sequence}, not a positive integer`,
    );
  }
}

function sequenceGap(progress: RunProgress, counts: GenerationCounts, sequence: number): DomainError {
  return new DomainError(
    'INVOICE_BATCH_RUN.OUTCOME_SEQUENCE_GAP',
    'conflict',
    `Run ${progress.runId} counted outcomes up to ${counts.groupsCompleted}; outcome ${sequence} cannot come next`,
  );
}

/**
 * Folds stored outcomes, in sequence order. An outcome numbered at or below the last one counted is
 * `AlreadyRecorded` (a redelivery) and changes nothing; the next number counts; a later number means
 * the caller missed stored outcomes (another consumer stored them): a `conflict` error, so the caller
 * reads what it missed and folds again. Work per outcome is constant, whatever the run's size.
 */
export function foldStoredOutcomes(
  progress: RunProgress,
  outcomes: readonly SequencedGroupOutcome[],
): { readonly progress: RunProgress; readonly recordings: readonly GroupOutcomeRecording[] } {
  let counts = progress.counts;
  const inOrder = [...outcomes].sort((left, right) => left.sequence - right.sequence);
  const recordings = inOrder.map((sequenced): GroupOutcomeRecording => {
    checkFoldable(progress, sequenced);
    const { outcome, sequence } = sequenced;
    if (sequence <= counts.groupsCompleted) return { result: 'AlreadyRecorded', outcome, sequence };
    if (sequence > counts.groupsCompleted + 1) throw sequenceGap(progress, counts, sequence);
    counts = addOutcome(counts, outcome);
    return { result: 'Recorded', outcome, sequence };
  });
  return { progress: { runId: progress.runId, counts }, recordings };
}

export function recordStoredOutcome(progress: RunProgress, outcome: SequencedGroupOutcome): RunProgress {
  return foldStoredOutcomes(progress, [outcome]).progress;
}

/**
 * Folds a list of outcomes of work items the progress has not counted yet, numbering them as the
 * outcome store would: in list order, a work item's first outcome counts and a repeat (the same or
 * another outcome) counts nothing. For callers that hold every outcome at once (oracles, examples).
 */
export function foldGroupOutcomes(
  progress: RunProgress,
  outcomes: readonly GroupOutcome[],
): { readonly progress: RunProgress; readonly recordings: readonly GroupOutcomeRecording[] } {
  const numbers = new Map<string, number>();
  const stored = outcomes.map((outcome): SequencedGroupOutcome => {
    const key = groupChunkKey(outcome);
    const sequence = numbers.get(key) ?? lastCountedSequence(progress) + numbers.size + 1;
    numbers.set(key, sequence);
    return { sequence, outcome };
  });
  return foldStoredOutcomes(progress, stored);
}

const COUNT_FIELDS = [
  'groupsCompleted',
  'groupsFailed',
  'billingSchedulesProcessed',
  'billingSchedulesFailed',
  'invoicesGenerated',
  'invoicesFailed',
  'draftInvoices',
  'postedInvoices',
] as const;

/** Whether `later` can be a fold that continues `earlier`: no count and no currency total went down. */
export function countsFollow(earlier: GenerationCounts, later: GenerationCounts): boolean {
  if (COUNT_FIELDS.some((field) => later[field] < earlier[field])) return false;
  return Object.entries(earlier.totalsByCurrency).every(([currency, total]) => {
    const next = later.totalsByCurrency[currency];
    return (
      next !== undefined &&
      next.invoiced.minorUnits >= total.invoiced.minorUnits &&
      next.draft.minorUnits >= total.draft.minorUnits
    );
  });
}

/** Whether two folds counted exactly the same. */
export function sameCounts(left: GenerationCounts, right: GenerationCounts): boolean {
  return (
    countsFollow(left, right) &&
    countsFollow(right, left) &&
    Object.keys(left.totalsByCurrency).length === Object.keys(right.totalsByCurrency).length
  );
}
