import { DomainError, zeroMoney, type Money } from '@invoice-engine/kernel';
import { addToCurrencyTotals, type CurrencyTotals } from './currency-totals';
import {
  groupChunkKey,
  isFailedGroup,
  outcomeFingerprint,
  validateGroupOutcome,
  type GroupOutcome,
  type RecordedGroup,
} from './group-outcome';

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
 * The fold of a run's group outcomes: which work items were counted (with the fingerprint of the
 * outcome counted) and the counts. Counting each work item once makes the fold idempotent and
 * independent of arrival order, so Kafka redeliveries and reordering change nothing.
 */
export interface RunProgress {
  readonly runId: string;
  readonly recordedGroups: Readonly<Record<string, RecordedGroup>>;
  readonly counts: GenerationCounts;
}

/** What folding one outcome did. */
export type GroupOutcomeRecording =
  | { readonly result: 'Recorded'; readonly outcome: GroupOutcome }
  | { readonly result: 'AlreadyRecorded'; readonly outcome: GroupOutcome }
  | {
      readonly result: 'ConflictingOutcome';
      readonly outcome: GroupOutcome;
      readonly recorded: RecordedGroup;
    };

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
  return { runId, recordedGroups: {}, counts: noGenerationCounts() };
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

/**
 * Folds a batch of outcomes (as consumed from the group-results topic). The first outcome of a
 * work item counts; the same outcome again is `AlreadyRecorded`; a different one for a counted
 * work item is `ConflictingOutcome` and counts nothing (the caller logs it).
 */
export function foldGroupOutcomes(
  progress: RunProgress,
  outcomes: readonly GroupOutcome[],
): { readonly progress: RunProgress; readonly recordings: readonly GroupOutcomeRecording[] } {
  // One copy per batch, not per outcome: runs have tens of thousands of groups.
  const recordedGroups: Record<string, RecordedGroup> = { ...progress.recordedGroups };
  let counts = progress.counts;
  const recordings = outcomes.map((outcome): GroupOutcomeRecording => {
    if (outcome.runId !== progress.runId) {
      throw new DomainError(
        'INVOICE_BATCH_RUN.GROUP_OUTCOME_OF_ANOTHER_RUN',
        'validation',
        `An outcome of run ${outcome.runId} cannot be folded into run ${progress.runId}`,
      );
    }
    validateGroupOutcome(outcome);
    const key = groupChunkKey(outcome);
    const fingerprint = outcomeFingerprint(outcome);
    const recorded = recordedGroups[key];
    if (recorded !== undefined) {
      return recorded.outcomeFingerprint === fingerprint
        ? { result: 'AlreadyRecorded', outcome }
        : { result: 'ConflictingOutcome', outcome, recorded };
    }
    recordedGroups[key] = {
      groupingKey: outcome.groupingKey,
      chunkIndex: outcome.chunkIndex,
      outcomeFingerprint: fingerprint,
    };
    counts = addOutcome(counts, outcome);
    return { result: 'Recorded', outcome };
  });
  return { progress: { runId: progress.runId, recordedGroups, counts }, recordings };
}

export function recordGroupOutcome(progress: RunProgress, outcome: GroupOutcome): RunProgress {
  return foldGroupOutcomes(progress, [outcome]).progress;
}

function diverged(later: RunProgress, key: string): DomainError {
  return new DomainError(
    'INVOICE_BATCH_RUN.PROGRESS_DIVERGED',
    'conflict',
    `Progress of run ${later.runId} does not contain group ${key} as already recorded`,
  );
}

/**
 * The work items `later` counted that `earlier` did not, sorted so that a retried checkpoint is
 * the same event whatever order the outcomes arrived in. Nothing new (a redelivered or older
 * checkpoint) gives none. Throws when a work item was counted with another outcome, or when `later`
 * adds work items but misses some of `earlier`: its cumulative counts would then be wrong.
 */
export function groupsRecordedSince(earlier: RunProgress, later: RunProgress): readonly RecordedGroup[] {
  const added: RecordedGroup[] = [];
  for (const key of Object.keys(later.recordedGroups).sort()) {
    const recorded = later.recordedGroups[key];
    const known = earlier.recordedGroups[key];
    if (recorded === undefined) continue;
    if (known === undefined) added.push(recorded);
    else if (known.outcomeFingerprint !== recorded.outcomeFingerprint) throw diverged(later, key);
  }
  if (added.length === 0) return [];
  const missing = Object.keys(earlier.recordedGroups).find((key) => later.recordedGroups[key] === undefined);
  if (missing !== undefined) throw diverged(later, missing);
  return added;
}

/** Applies a checkpoint: the newly counted work items and the cumulative counts after them. */
export function applyRecordedGroups(
  progress: RunProgress,
  groups: readonly RecordedGroup[],
  counts: GenerationCounts,
): RunProgress {
  const recordedGroups: Record<string, RecordedGroup> = { ...progress.recordedGroups };
  for (const group of groups) recordedGroups[groupChunkKey(group)] = group;
  return { runId: progress.runId, recordedGroups, counts };
}
