import type { GroupOutcome } from '@invoice-engine/invoice-batch-runs';

/**
 * What storing an outcome did: the first outcome of a work item is `Recorded`; the same one again is a
 * `Duplicate`; a different one for a stored work item is `Conflicting` and changes nothing (the first
 * stands).
 */
export type OutcomeStorage = 'Recorded' | 'Duplicate' | 'Conflicting';

/** A work item of a run: one grouping key, one chunk of it. */
export interface WorkItemKey {
  readonly groupingKey: string;
  readonly chunkIndex: number;
}

/**
 * The summarization service's own record of group outcomes, one per (run, grouping key, chunk). It
 * makes the fold independent of Kafka offsets: an outcome stored here is never lost, and the run
 * stream's checkpoints say which stored outcomes are already counted.
 */
export interface GroupOutcomeStore {
  store(outcome: GroupOutcome): Promise<OutcomeStorage>;
  /** The run's stored outcomes no checkpoint on the run stream has counted yet. */
  uncheckpointed(runId: string): Promise<readonly GroupOutcome[]>;
  markCheckpointed(runId: string, workItems: readonly WorkItemKey[]): Promise<void>;
}
