import { DomainError, type Instant } from '@invoice-engine/kernel';
import type { InvoiceBatchRunCommandOf } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { RequestedRunState } from './invoice-batch-run-state';
import { countsFollow, sameCounts, type RunProgress } from './run-progress';
import { stageOutOfOrder, stepsToStage } from './run-stage';

export function decideStartInvoiceGeneration(
  command: InvoiceBatchRunCommandOf<'StartInvoiceGeneration'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  const steps = stepsToStage(state, 'InvoiceGenerationStarted');
  if (steps <= 0) return [];
  if (steps > 1) throw stageOutOfOrder(state, 'InvoiceGenerationStarted');
  const { groupsExpected } = state.run;
  return [
    {
      type: 'InvoiceGenerationStarted',
      data: { runId: command.runId, groupsExpected, startedAt: command.startedAt },
    },
  ];
}

function diverged(progress: RunProgress): DomainError {
  return new DomainError(
    'INVOICE_BATCH_RUN.PROGRESS_DIVERGED',
    'conflict',
    `Progress of run ${progress.runId} does not continue the run's last checkpoint`,
  );
}

/**
 * How many work items `progress` counts beyond the run's last checkpoint, after checking it can
 * follow it: its counts may not go below the checkpoint's, and the same number of work items must
 * come with the same counts. None (a redelivered or an older checkpoint) gives 0.
 */
function newlyCountedGroups(state: RequestedRunState, progress: RunProgress): number {
  const { run } = state;
  if (progress.runId !== run.request.runId) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_PROGRESS',
      'validation',
      `Progress of run ${progress.runId} does not fit run ${run.request.runId}`,
    );
  }
  const counted = progress.counts.groupsCompleted;
  if (counted > run.groupsExpected) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.MORE_GROUPS_THAN_EXPECTED',
      'conflict',
      `Run ${run.request.runId} expects ${run.groupsExpected} work items, not ${counted}`,
    );
  }
  const checkpoint = run.generation.counts;
  const added = counted - checkpoint.groupsCompleted;
  if (added === 0 && !sameCounts(checkpoint, progress.counts)) throw diverged(progress);
  if (added > 0 && !countsFollow(checkpoint, progress.counts)) throw diverged(progress);
  return Math.max(added, 0);
}

/** A checkpoint: the cumulative counts, which also say how many stored outcomes are counted. */
function progressed(
  state: RequestedRunState,
  progress: RunProgress,
  recordedAt: Instant,
): InvoiceBatchRunEvent {
  const { counts, runId } = progress;
  const { groupsExpected } = state.run;
  return { type: 'InvoiceGenerationProgressed', data: { runId, counts, groupsExpected, recordedAt } };
}

function generationAlreadyCompleted(runId: string): DomainError {
  return new DomainError(
    'INVOICE_BATCH_RUN.GENERATION_ALREADY_COMPLETED',
    'conflict',
    `Invoice generation of run ${runId} completed without these work items`,
  );
}

/** A checkpoint with no work item the run has not counted yet is a redelivery. */
export function decideRecordInvoiceGenerationProgress(
  command: InvoiceBatchRunCommandOf<'RecordInvoiceGenerationProgress'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  const steps = stepsToStage(state, 'InvoiceGenerationInProgress');
  if (steps > 1) throw stageOutOfOrder(state, 'InvoiceGenerationInProgress');
  if (newlyCountedGroups(state, command.progress) === 0) return [];
  if (steps < 0) throw generationAlreadyCompleted(command.runId);
  return [progressed(state, command.progress, command.recordedAt)];
}

/**
 * Completing generation needs every expected work item. From `InvoiceGenerationStarted` (an empty
 * run, or one whose results all arrived before a checkpoint) it records the progress first, so
 * every run passes through `InvoiceGenerationInProgress`.
 */
export function decideCompleteInvoiceGeneration(
  command: InvoiceBatchRunCommandOf<'CompleteInvoiceGeneration'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  const steps = stepsToStage(state, 'InvoiceGenerationCompleted');
  if (steps > 2) throw stageOutOfOrder(state, 'InvoiceGenerationCompleted');
  const newlyCounted = newlyCountedGroups(state, command.progress);
  if (steps <= 0) {
    if (newlyCounted === 0) return [];
    throw generationAlreadyCompleted(command.runId);
  }
  const { groupsExpected } = state.run;
  if (command.progress.counts.groupsCompleted !== groupsExpected) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.GROUPS_OUTSTANDING',
      'illegal-state',
      `Run ${command.runId} has ${command.progress.counts.groupsCompleted} of ${groupsExpected} work items done`,
    );
  }
  const completed: InvoiceBatchRunEvent = {
    type: 'InvoiceGenerationCompleted',
    data: { runId: command.runId, counts: command.progress.counts, completedAt: command.completedAt },
  };
  if (steps === 1 && newlyCounted === 0) return [completed];
  return [progressed(state, command.progress, command.completedAt), completed];
}
