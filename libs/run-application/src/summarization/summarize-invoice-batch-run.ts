import type { EventStore } from '@invoice-engine/event-store';
import {
  checkpointOrComplete,
  foldGroupOutcomes,
  groupChunkKey,
  type InvoiceBatchRunCommand,
  type InvoiceBatchRunEventType,
  type InvoiceBatchRunState,
  type RunProgress,
} from '@invoice-engine/invoice-batch-runs';
import type { Instant } from '@invoice-engine/kernel';
import type { AppLogger, Clock } from '@invoice-engine/runtime';
import type { FilteringCompletedData } from '../filtering/filtering-completed-notice';
import { retryOnConflict } from '../streams/conflict-retry';
import {
  appendRunCommands,
  decideRunCommands,
  hasReached,
  loadInvoiceBatchRun,
} from '../streams/invoice-batch-run-stream';
import { groupOutcomeOf, type GroupResultMessage } from './group-outcome-message';
import type { GroupOutcomeStore, OutcomeStorage } from './group-outcome-store';
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
  /** The run events this message led to, in order. */
  readonly appended: readonly InvoiceBatchRunEventType[];
}

/**
 * Step 6 of the pipeline: stores each group outcome once, then moves the run on. The run stream
 * holds checkpoints of the fold (`InvoiceGenerationProgressed`), so the fold resumes from the last
 * checkpoint plus the stored outcomes no checkpoint counted yet. When every expected work item has an
 * outcome, generation completes, summarization starts and the run completes (or fails) in one append.
 */
export class SummarizeInvoiceBatchRun {
  constructor(
    private readonly eventStore: EventStore,
    private readonly outcomes: GroupOutcomeStore,
    private readonly clock: Clock,
    private readonly settings: SummarizationSettings = DEFAULT_SUMMARIZATION_SETTINGS,
    private readonly logger?: AppLogger,
  ) {}

  async handle(message: SummarizationMessage): Promise<SummarizationResult> {
    const { runId } = message.data;
    const storage = message.type === 'FilteringCompleted' ? null : await this.store(message);
    const appended = await retryOnConflict(() => this.advance(runId, message.messageId));
    return { runId, storage, appended };
  }

  private async store(message: GroupResultMessage): Promise<OutcomeStorage> {
    const outcome = groupOutcomeOf(message);
    const storage = await this.outcomes.store(outcome);
    if (storage === 'Conflicting') {
      const { runId, groupingKey, chunkIndex } = outcome;
      this.logger?.error(
        { runId, groupingKey, chunkIndex, messageId: message.messageId },
        'a work item reported a second, different outcome; the first one counts',
      );
    }
    return storage;
  }

  private async advance(runId: string, causationId: string): Promise<readonly InvoiceBatchRunEventType[]> {
    const run = await loadInvoiceBatchRun(this.eventStore, runId);
    const { state } = run;
    // Work items are published only after filtering completed, so an earlier run is not waiting for us.
    if (state.status !== 'Started' || !hasReached(state, 'BillingSchedulesFilteringCompleted')) return [];
    const pending = await this.outcomes.uncheckpointed(runId);
    const folded = foldGroupOutcomes(state.run.generation, pending);
    const now = this.clock.now();
    const commands = this.nextCommands(state, folded.progress, now);
    if (commands.length === 0) return [];
    const advanced = await appendRunCommands(this.eventStore, run, commands, {
      causationId,
      correlationId: runId,
      runId,
      groupingKey: null,
      occurredAt: now,
      producer: this.settings.producer,
    });
    const counted =
      advanced.state.status === 'NotRequested' ? {} : advanced.state.run.generation.recordedGroups;
    await this.outcomes.markCheckpointed(
      runId,
      pending.filter((outcome) => counted[groupChunkKey(outcome)] !== undefined),
    );
    return decideRunCommands(state, commands).events.map((event) => event.type);
  }

  /**
   * Generation starts with the first outcome (or at once when filtering found nothing); then the
   * domain's checkpoint rule decides between a checkpoint and completion, and completion carries the
   * run through summarization to its final status.
   */
  private nextCommands(
    state: InvoiceBatchRunState,
    progress: RunProgress,
    now: Instant,
  ): InvoiceBatchRunCommand[] {
    if (state.status === 'NotRequested') return [];
    const { runId } = progress;
    const commands: InvoiceBatchRunCommand[] = [];
    let current: InvoiceBatchRunState = state;
    if (!hasReached(state, 'InvoiceGenerationStarted')) {
      if (progress.counts.groupsCompleted === 0 && state.run.groupsExpected > 0) return [];
      commands.push({ type: 'StartInvoiceGeneration', runId, startedAt: now });
      current = decideRunCommands(state, commands).state;
    }
    for (const instruction of checkpointOrComplete(
      current,
      progress,
      now,
      this.settings.checkpointEveryGroups,
    )) {
      if (instruction.type === 'HandleRunCommand') commands.push(instruction.command);
      else this.logger?.warn({ runId, instruction }, 'summarization did not advance the run');
    }
    if (commands.at(-1)?.type === 'CompleteInvoiceGeneration') {
      commands.push({ type: 'StartSummarization', runId, startedAt: now });
      commands.push({ type: 'CompleteInvoiceBatchRun', runId, completedAt: now });
    }
    return commands;
  }
}
