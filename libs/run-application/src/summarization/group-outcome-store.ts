import type { GroupOutcome, SequencedGroupOutcome } from '@invoice-engine/invoice-batch-runs';

/**
 * What storing an outcome did: the first outcome of a work item is `Recorded`; the same one again is a
 * `Duplicate`; a different one for a stored work item is `Conflicting` and changes nothing (the first
 * stands).
 */
export type OutcomeStorage = 'Recorded' | 'Duplicate' | 'Conflicting';

/** What storing one outcome did, and the number the work item's stored (first) outcome has. */
export interface StoredOutcome {
  readonly storage: OutcomeStorage;
  readonly sequence: number;
}

/**
 * The summarization service's own record of group outcomes, one per (run, grouping key, chunk). It
 * makes the fold independent of Kafka offsets: an outcome stored here is never lost. The store numbers
 * a run's outcomes 1, 2, 3… in the order they are stored (one number per work item, no gaps, never
 * renumbered), so the run stream's checkpoints need only say how many are counted.
 */
export interface GroupOutcomeStore {
  /**
   * Stores outcomes of one run, in the given order, and says for each what storing it did. A work
   * item twice in the batch is stored once; its repeat is a duplicate (or conflicting).
   */
  store(runId: string, outcomes: readonly GroupOutcome[]): Promise<readonly StoredOutcome[]>;
  /** The run's stored outcomes numbered above `after`, in order. */
  storedAfter(runId: string, after: number): Promise<readonly SequencedGroupOutcome[]>;
}
