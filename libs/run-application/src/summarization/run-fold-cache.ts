import type { RunProgress } from '@invoice-engine/invoice-batch-runs';
import type { LoadedInvoiceBatchRun } from '../streams/invoice-batch-run-stream';

/**
 * What the summarization service knows of a run between messages: the run as last loaded or appended
 * (its state, last checkpoint included, and the revision to append at) and the fold of that
 * checkpoint plus every stored outcome counted since.
 */
export interface RunFold {
  readonly run: LoadedInvoiceBatchRun;
  readonly progress: RunProgress;
}

/**
 * The folds of the runs summarized last, at most `capacity` (least recently used go first). A fold is
 * only a shortcut: the run stream and the outcome store stay the truth, so a missing or forgotten fold
 * is loaded again, and an append at a stale revision fails and makes the caller forget it.
 */
export class RunFoldCache {
  private readonly folds = new Map<string, RunFold>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`a run fold cache keeps at least one run, not ${capacity}`);
    }
  }

  get(runId: string): RunFold | undefined {
    const fold = this.folds.get(runId);
    if (fold !== undefined) {
      this.folds.delete(runId);
      this.folds.set(runId, fold);
    }
    return fold;
  }

  /** Keeps the fold, without the loaded events (they are not needed again and grow with the run). */
  keep(runId: string, fold: RunFold): void {
    this.folds.delete(runId);
    this.folds.set(runId, { ...fold, run: { ...fold.run, events: [] } });
    for (const oldest of this.folds.keys()) {
      if (this.folds.size <= this.capacity) break;
      this.folds.delete(oldest);
    }
  }

  forget(runId: string): void {
    this.folds.delete(runId);
  }

  get size(): number {
    return this.folds.size;
  }
}
