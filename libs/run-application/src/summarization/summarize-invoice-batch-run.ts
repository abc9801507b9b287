import type { EventStore } from '@invoice-engine/event-store';
import {
  foldStoredOutcomes,
  lastCountedSequence,
  validateGroupOutcome,
  type GroupOutcome,
  type InvoiceBatchRunEventType,
  type RunProgress,
  type SequencedGroupOutcome,
} from '@invoice-engine/invoice-batch-runs';
import { DomainError } from '@invoice-engine/kernel';
import type { AppLogger, Clock } from '@invoice-engine/runtime';
import type { FilteringCompletedData } from '../filtering/filtering-completed-notice';
import { retryOnConflict } from '../streams/conflict-retry';
import {
  appendRunCommands,
  decideRunCommands,
  hasReached,
  loadInvoiceBatchRun,
} from '../streams/invoice-batch-run-stream';
import { nextSummarizationCommands } from './next-summarization-commands';
import { groupOutcomeOf, type GroupResultMessage } from './group-outcome-message';
import type { GroupOutcomeStore, OutcomeStorage, StoredOutcome } from './group-outcome-store';
import { RunFoldCache, type RunFold } from './run-fold-cache';
import { DEFAULT_SUMMARIZATION_SETTINGS, type SummarizationSettings } from './summarization-settings';

/** What arrives on `invoice-batch.group-results`, keyed by run id. */
export type SummarizationMessage =
  | GroupResultMessage
  | {
      readonly messageId: string;
      readonly type: 'FilteringCompleted';
      readonly data: FilteringCompletedData;
    };

export interface SummarizationResult {
  readonly runId: string;
  /** How the outcome was stored; null for the filtering notice. */
  readonly storage: OutcomeStorage | null;
  /** The run events this message led to, in order (in a batch: on the run's last message). */
  readonly appended: readonly InvoiceBatchRunEventType[];
}

/** An outcome as stored: what storing it did and the number of the work item's stored outcome. */
type StoredGroupOutcome = StoredOutcome & { readonly outcome: GroupOutcome };

/** The messages of one run in a batch, with where each one stands in the batch. */
interface RunMessages {
  readonly runId: string;
  readonly messages: { readonly index: number; readonly message: SummarizationMessage }[];
}

/**
 * Step 6 of the pipeline: stores each group outcome once, then moves the run on. The outcome store
 * numbers a run's outcomes; the run stream holds checkpoints of the fold (`InvoiceGenerationProgressed`,
 * whose `groupsCompleted` is also how many stored outcomes it counted), so the fold resumes from the
 * last checkpoint plus the outcomes stored after it. The fold stays in memory between messages (per
 * run, a bounded number of runs) and is appended at the revision it was loaded or last appended at;
 * it is loaded again only when it is not in memory or an append meets a newer stream. When every
 * expected work item has an outcome, generation completes, summarization starts and the run
 * completes (or fails) in one append. The work per message does not grow with the run.
 */
export class SummarizeInvoiceBatchRun {
  private readonly folds: RunFoldCache;

  constructor(
    private readonly eventStore: EventStore,
    private readonly outcomes: GroupOutcomeStore,
    private readonly clock: Clock,
    private readonly settings: SummarizationSettings = DEFAULT_SUMMARIZATION_SETTINGS,
    private readonly logger?: AppLogger,
  ) {
    this.folds = new RunFoldCache(settings.runsKeptInMemory);
  }

  async handle(message: SummarizationMessage): Promise<SummarizationResult> {
    const [result] = await this.handleBatch([message]);
    if (result === undefined) throw new Error('a batch of one message gave no result');
    return result;
  }

  /**
   * A batch of messages (as a partition delivers them): per run, one store of its outcomes, one fold
   * and at most one append. The batch succeeds or fails as a whole; it is safe to deliver again.
   * An invalid outcome fails the batch before anything of its run is stored.
   */
  async handleBatch(messages: readonly SummarizationMessage[]): Promise<readonly SummarizationResult[]> {
    const results: SummarizationResult[] = [];
    for (const { runId, messages: ofRun } of byRun(messages)) {
      try {
        const outcomes = ofRun.flatMap(({ message }) =>
          message.type === 'FilteringCompleted' ? [] : [message],
        );
        const stored = await this.store(runId, outcomes);
        const last = ofRun.at(-1);
        if (last === undefined) continue;
        const appended = await retryOnConflict(() => this.advance(runId, stored, last.message.messageId));
        let outcomeIndex = 0;
        for (const { index, message } of ofRun) {
          const storage =
            message.type === 'FilteringCompleted' ? null : (stored[outcomeIndex++]?.storage ?? null);
          results[index] = { runId, storage, appended: index === last.index ? appended : [] };
        }
      } catch (error) {
        // The fold in memory may miss what was stored before the failure: the retry loads it again.
        this.folds.forget(runId);
        throw error;
      }
    }
    return results;
  }

  private async store(
    runId: string,
    messages: readonly GroupResultMessage[],
  ): Promise<readonly StoredGroupOutcome[]> {
    const outcomes = messages.map(groupOutcomeOf);
    outcomes.forEach(validateGroupOutcome);
    const stored = await this.outcomes.store(runId, outcomes);
    return stored.map((result, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) throw new Error('the outcome store answered for more outcomes than given');
      if (result.storage === 'Conflicting') {
        const { groupingKey, chunkIndex } = outcome;
        this.logger?.error(
          { runId, groupingKey, chunkIndex, messageId: messages[index]?.messageId },
          'a work item reported a second, different outcome; the first one counts',
        );
      }
      return { ...result, outcome };
    });
  }

  private async advance(
    runId: string,
    stored: readonly StoredGroupOutcome[],
    causationId: string,
  ): Promise<readonly InvoiceBatchRunEventType[]> {
    try {
      const fold = await this.foldOf(runId);
      if (fold === null) return [];
      const progress = await this.caughtUp(runId, fold.progress, stored);
      const now = this.clock.now();
      const commands = nextSummarizationCommands(fold.run.state, progress, now, this.settings, this.logger);
      if (commands.length === 0) {
        this.folds.keep(runId, { run: fold.run, progress });
        return [];
      }
      const advanced = await appendRunCommands(this.eventStore, fold.run, commands, {
        causationId,
        correlationId: runId,
        runId,
        groupingKey: null,
        occurredAt: now,
        producer: this.settings.producer,
      });
      if (advanced.state.status === 'Started') this.folds.keep(runId, { run: advanced, progress });
      else this.folds.forget(runId);
      return decideRunCommands(fold.run.state, commands).events.map((event) => event.type);
    } catch (error) {
      this.folds.forget(runId);
      throw error;
    }
  }

  /**
   * The run's fold from memory, or loaded: the run stream, then the outcomes stored after its last
   * checkpoint. Null (and nothing kept) before filtering completed or once the run is no longer
   * started: work items are published only after filtering completed, so an earlier run is not
   * waiting for us.
   */
  private async foldOf(runId: string): Promise<RunFold | null> {
    const kept = this.folds.get(runId);
    if (kept !== undefined) return kept;
    const run = await loadInvoiceBatchRun(this.eventStore, runId);
    const { state } = run;
    if (state.status !== 'Started' || !hasReached(state, 'BillingSchedulesFilteringCompleted')) return null;
    const checkpoint = state.run.generation;
    const stored = await this.outcomes.storedAfter(runId, lastCountedSequence(checkpoint));
    return { run, progress: foldStoredOutcomes(checkpoint, stored).progress };
  }

  /**
   * Folds what this batch stored. When the store numbered outcomes this fold has not seen (another
   * consumer stored them, say during a rebalance), it reads them from the store instead.
   */
  private async caughtUp(
    runId: string,
    progress: RunProgress,
    stored: readonly StoredGroupOutcome[],
  ): Promise<RunProgress> {
    const highest = Math.max(0, ...stored.map((result) => result.sequence));
    if (highest <= lastCountedSequence(progress)) return progress;
    const recorded: SequencedGroupOutcome[] = stored
      .filter((result) => result.storage === 'Recorded')
      .map(({ sequence, outcome }) => ({ sequence, outcome }));
    try {
      const folded = foldStoredOutcomes(progress, recorded).progress;
      if (lastCountedSequence(folded) >= highest) return folded;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INVOICE_BATCH_RUN.OUTCOME_SEQUENCE_GAP')
        throw error;
    }
    const missed = await this.outcomes.storedAfter(runId, lastCountedSequence(progress));
    return foldStoredOutcomes(progress, missed).progress;
  }
}

/** The batch's messages by run, runs in the order they first appear. */
function byRun(messages: readonly SummarizationMessage[]): readonly RunMessages[] {
  const runs = new Map<string, RunMessages>();
  messages.forEach((message, index) => {
    const { runId } = message.data;
    const run = runs.get(runId) ?? { runId, messages: [] };
    run.messages.push({ index, message });
    runs.set(runId, run);
  });
  return [...runs.values()];
}
