import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import { Topics } from '@invoice-engine/contracts';
import type { EventStore, RecordedEvent } from '@invoice-engine/event-store';
import type { FilteredGroup, FilteringCounts } from '@invoice-engine/invoice-batch-runs';
import { TransientError } from '@invoice-engine/messaging';
import type { AppLogger, Clock, MessagePublisher } from '@invoice-engine/runtime';
import { retryOnConflict } from '../streams/conflict-retry';
import { eventsToAppend, nextRevision, type AppendContext } from '../streams/event-envelopes';
import {
  appendRunCommandsReloading,
  decideRunCommands,
  hasReached,
  loadInvoiceBatchRun,
  type LoadedInvoiceBatchRun,
} from '../streams/invoice-batch-run-stream';
import { BillingScheduleSelection } from './billing-schedule-selection';
import { filteringCompletedMessage, groupWorkItemMessages } from './filtering-messages';
import { chunkLimitsOf, DEFAULT_FILTERING_SETTINGS, type FilteringSettings } from './filtering-settings';
import { readRunSelectionPages, selectionAppend } from './run-selection-stream';

/** The part of an `InvoiceBatchRunRequested` message filtering needs: the rest is on the run stream. */
export interface RunRequestedMessage {
  readonly messageId: string;
  readonly data: { readonly runId: string };
}

export type FilteringResult =
  | {
      readonly outcome: 'Published';
      readonly runId: string;
      readonly groupsExpected: number;
      readonly filtered: boolean;
    }
  | { readonly outcome: 'Ignored'; readonly runId: string; readonly reason: 'UnknownRun' | 'RunCanceled' };

/**
 * Step 2 of the pipeline (docs/pipeline.md): selects a run's billing schedules from the read model,
 * records the selection and the filtering stages on the event store, then publishes one work item per
 * (grouping key, chunk) and the filtering-completed notice. A redelivered request finds the selection
 * recorded and publishes exactly the same messages again.
 */
export class FilterBillingSchedules {
  constructor(
    private readonly eventStore: EventStore,
    private readonly schedules: BillingScheduleSource,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
    private readonly settings: FilteringSettings = DEFAULT_FILTERING_SETTINGS,
    private readonly logger?: AppLogger,
  ) {}

  async handle(message: RunRequestedMessage): Promise<FilteringResult> {
    const { runId } = message.data;
    const run = await loadInvoiceBatchRun(this.eventStore, runId);
    if (run.state.status === 'NotRequested') return this.ignored(runId, 'UnknownRun');
    if (run.state.status === 'Canceled') return this.ignored(runId, 'RunCanceled');
    const filtered = !hasReached(run.state, 'BillingSchedulesFilteringCompleted');
    if (filtered) await this.filter(run, message.messageId);
    return this.publish(runId, filtered);
  }

  private context(runId: string, causationId: string): AppendContext {
    const occurredAt = this.clock.now();
    return {
      causationId,
      correlationId: runId,
      runId,
      groupingKey: null,
      occurredAt,
      producer: this.settings.producer,
    };
  }

  private async filter(loaded: LoadedInvoiceBatchRun, causationId: string): Promise<void> {
    const { runId } = loaded;
    let run = await appendRunCommandsReloading(
      this.eventStore,
      loaded,
      [{ type: 'StartBillingSchedulesFiltering', runId, startedAt: this.clock.now() }],
      this.context(runId, causationId),
    );
    await this.waitForReadModel(run);
    if (run.state.status === 'NotRequested') return;
    const selection = new BillingScheduleSelection(run.state.run.request);
    let checkpointAt = 0;
    for await (const batch of this.schedules.scan(
      run.state.run.request.criteria,
      this.settings.scanBatchSize,
    )) {
      for (const snapshot of batch) {
        selection.add(snapshot);
        if (selection.schedulesScanned - checkpointAt < this.settings.progressEverySchedules) continue;
        checkpointAt = selection.schedulesScanned;
        run = await this.recordProgress(run, selection.counts(), causationId);
      }
    }
    await this.complete(
      runId,
      selection.counts(),
      selection.workItems(chunkLimitsOf(this.settings)),
      causationId,
    );
  }

  /** The read model must hold every schedule change recorded before the run was requested. */
  private async waitForReadModel(run: LoadedInvoiceBatchRun): Promise<void> {
    const requested: RecordedEvent | undefined = run.events[0];
    if (requested === undefined) return;
    try {
      await this.schedules.waitUntilCaughtUp(requested.position, this.settings.catchUpTimeoutMs);
    } catch (error) {
      throw new TransientError(`The billing schedule read model has not reached run ${run.runId} yet`, {
        cause: error,
      });
    }
  }

  private recordProgress(
    run: LoadedInvoiceBatchRun,
    counts: FilteringCounts,
    causationId: string,
  ): Promise<LoadedInvoiceBatchRun> {
    const { runId } = run;
    const recordedAt = this.clock.now();
    return appendRunCommandsReloading(
      this.eventStore,
      run,
      [{ type: 'RecordBillingSchedulesFilteringProgress', runId, counts, recordedAt }],
      this.context(runId, causationId),
    );
  }

  /** The selection pages and the completion in one atomic `appendMany`: either both exist or neither. */
  private async complete(
    runId: string,
    counts: FilteringCounts,
    workItems: readonly FilteredGroup[],
    causationId: string,
  ): Promise<void> {
    await retryOnConflict(async () => {
      const run = await loadInvoiceBatchRun(this.eventStore, runId);
      if (run.state.status === 'Canceled' || hasReached(run.state, 'BillingSchedulesFilteringCompleted'))
        return;
      const completedAt = this.clock.now();
      const { events } = decideRunCommands(run.state, [
        {
          type: 'CompleteBillingSchedulesFiltering',
          runId,
          counts,
          groupsExpected: workItems.length,
          completedAt,
        },
      ]);
      const context = this.context(runId, causationId);
      await this.eventStore.appendMany([
        ...selectionAppend(runId, workItems, context, this.settings.schedulesPerSelectionPage),
        {
          stream: run.stream,
          events: eventsToAppend(run.stream, nextRevision(run.revision), events, context),
          expectedRevision: run.revision,
        },
      ]);
    });
  }

  private async publish(runId: string, filtered: boolean): Promise<FilteringResult> {
    const run = await loadInvoiceBatchRun(this.eventStore, runId);
    if (run.state.status === 'NotRequested') return this.ignored(runId, 'UnknownRun');
    if (run.state.status === 'Canceled') return this.ignored(runId, 'RunCanceled');
    const completed = run.events.find((event) => event.type === 'BillingSchedulesFilteringCompleted');
    if (completed === undefined) throw new Error(`Run ${runId} has no BillingSchedulesFilteringCompleted`);
    const { request, groupsExpected } = run.state.run;
    const now = this.clock.now();
    const { producer } = this.settings;
    // Page by page: the messages of one page (about 10,000 schedules) at a time, not of the whole run
    // (a run of 1,000,000 schedules held 115,000 messages at once, 1.5 GB), and invoice generation
    // starts on the first page while the others are published. Each grouping key's chunks are in
    // order within and across pages, so per-key order is the selection's.
    for (const page of await readRunSelectionPages(this.eventStore, runId)) {
      const workItems = groupWorkItemMessages(request, page, completed, now, producer);
      if (workItems.length > 0) await this.publisher.publish(Topics.GroupWork, workItems);
    }
    await this.publisher.publish(Topics.GroupResults, [
      filteringCompletedMessage(runId, groupsExpected, completed, now, producer),
    ]);
    this.logger?.info({ runId, groupsExpected, filtered }, "filtering published the run's work items");
    return { outcome: 'Published', runId, groupsExpected, filtered };
  }

  private ignored(runId: string, reason: 'UnknownRun' | 'RunCanceled'): FilteringResult {
    this.logger?.warn({ runId, reason }, 'filtering ignored a run request');
    return { outcome: 'Ignored', runId, reason };
  }
}
