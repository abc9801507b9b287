import { DomainError, assertNever, deterministicId, type Instant } from '@invoice-engine/kernel';
import type { FilteringCounts } from './filtering-counts';
import { checkpointOrComplete, type CheckpointPolicy } from './generation-checkpoint';
import { groupChunkKey } from './group-outcome';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type {
  FilteredGroup,
  GroupWorkItem,
  InvoiceBatchRunInstruction,
} from './invoice-batch-run-instructions';
import type { InvoiceBatchRunState } from './invoice-batch-run-state';
import type { InvoiceBatchRunRequest } from './run-request';
import type { RunProgress } from './run-progress';

function handle(command: Extract<InvoiceBatchRunInstruction, { type: 'HandleRunCommand' }>['command']) {
  return { type: 'HandleRunCommand', command } as const;
}

function noReaction(event: InvoiceBatchRunEvent): readonly InvoiceBatchRunInstruction[] {
  return [{ type: 'Ignore', reason: 'NoReaction', detail: `${event.type} needs no next step` }];
}

/**
 * Moves a run to its next stage when an event of its stream is recorded. `state` already includes
 * the event; `progress` is the summarization service's fold (see `resumeRunProgress`).
 */
export function reactToRunEvent(
  state: InvoiceBatchRunState,
  progress: RunProgress,
  event: InvoiceBatchRunEvent,
  now: Instant,
  policy: CheckpointPolicy,
): readonly InvoiceBatchRunInstruction[] {
  if (state.status === 'Canceled') {
    return [{ type: 'Ignore', reason: 'RunCanceled', detail: `Run ${state.run.request.runId} was canceled` }];
  }
  const runId = event.data.runId;
  switch (event.type) {
    case 'InvoiceBatchRunRequested':
      return [
        handle({ type: 'StartBillingSchedulesFiltering', runId, startedAt: now }),
        { type: 'FilterBillingSchedules', request: event.data },
      ];
    case 'BillingSchedulesFilteringCompleted':
      return [handle({ type: 'StartInvoiceGeneration', runId, startedAt: now })];
    case 'InvoiceGenerationStarted':
      // Results may all be in already (or none are expected): complete without waiting for another.
      return checkpointOrComplete(state, progress, now, policy.checkpointEveryGroups);
    case 'InvoiceGenerationCompleted':
      return [handle({ type: 'StartSummarization', runId, startedAt: now })];
    case 'SummarizationStarted':
      return [handle({ type: 'CompleteInvoiceBatchRun', runId, completedAt: now })];
    case 'BillingSchedulesFilteringStarted':
    case 'BillingSchedulesFilteringProgressed':
    case 'InvoiceGenerationProgressed':
    case 'InvoiceBatchRunCompleted':
    case 'InvoiceBatchRunFailed':
    case 'InvoiceBatchRunCanceled':
      return noReaction(event);
    default:
      return assertNever(event, 'invoice batch run event');
  }
}

type InactiveRunState = Extract<InvoiceBatchRunState, { readonly status: 'NotRequested' | 'Canceled' }>;

function isInactive(state: InvoiceBatchRunState): state is InactiveRunState {
  return state.status === 'NotRequested' || state.status === 'Canceled';
}

function ignoreInactive(state: InactiveRunState, runId: string): InvoiceBatchRunInstruction {
  return state.status === 'NotRequested'
    ? { type: 'Ignore', reason: 'UnknownRun', detail: `Run ${runId} does not exist` }
    : { type: 'Ignore', reason: 'RunCanceled', detail: `Run ${runId} was canceled` };
}

/** The filtering service checkpoints its cumulative counts while it scans. */
export function reactToFilteringProgress(
  state: InvoiceBatchRunState,
  runId: string,
  counts: FilteringCounts,
  now: Instant,
): readonly InvoiceBatchRunInstruction[] {
  if (isInactive(state)) return [ignoreInactive(state, runId)];
  return [handle({ type: 'RecordBillingSchedulesFilteringProgress', runId, counts, recordedAt: now })];
}

export function groupWorkItem(request: InvoiceBatchRunRequest, group: FilteredGroup): GroupWorkItem {
  const { runId, invoiceStatus, targetDate, invoiceDate, billingPeriodCount } = request;
  const workItemId = deterministicId('groupWorkItem', runId, group.groupingKey, String(group.chunkIndex));
  return { ...group, workItemId, runId, invoiceStatus, targetDate, invoiceDate, billingPeriodCount };
}

function checkDistinct(runId: string, groups: readonly FilteredGroup[]): void {
  if (new Set(groups.map(groupChunkKey)).size !== groups.length) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.DUPLICATE_WORK_ITEM',
      'validation',
      `Run ${runId} has a work item twice`,
    );
  }
}

/**
 * Filtering finished: record the final counts with the number of work items first, then publish
 * them. A retry re-runs both; the decider takes the same completion as a redelivery and work item
 * ids are deterministic, so nothing is doubled (filtering must give the same result on retry).
 */
export function reactToFilteringFinished(
  state: InvoiceBatchRunState,
  runId: string,
  result: { readonly counts: FilteringCounts; readonly groups: readonly FilteredGroup[] },
  now: Instant,
): readonly InvoiceBatchRunInstruction[] {
  if (isInactive(state)) return [ignoreInactive(state, runId)];
  checkDistinct(runId, result.groups);
  const { counts, groups } = result;
  const complete = handle({
    type: 'CompleteBillingSchedulesFiltering',
    runId,
    counts,
    groupsExpected: groups.length,
    completedAt: now,
  });
  if (groups.length === 0) return [complete];
  const workItems = groups.map((group) => groupWorkItem(state.run.request, group));
  return [complete, { type: 'PublishGroupWorkItems', runId, workItems }];
}
