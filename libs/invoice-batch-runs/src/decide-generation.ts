import { DomainError, type Instant } from '@invoice-engine/kernel';
import type { RecordedGroup } from './group-outcome';
import type { InvoiceBatchRunCommandOf } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { RequestedRunState } from './invoice-batch-run-state';
import { groupsRecordedSince, type RunProgress } from './run-progress';
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

/** The work items `progress` adds to the run's last checkpoint, after checking it can follow it. */
function newlyRecordedGroups(state: RequestedRunState, progress: RunProgress): readonly RecordedGroup[] {
  const { run } = state;
  const recorded = Object.keys(progress.recordedGroups).length;
  if (progress.runId !== run.request.runId || progress.counts.groupsCompleted !== recorded) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_PROGRESS',
      'validation',
      `Progress of run ${progress.runId} does not fit run ${run.request.runId} or does not count its groups`,
    );
  }
  if (recorded > run.groupsExpected) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.MORE_GROUPS_THAN_EXPECTED',
      'conflict',
      `Run ${run.request.runId} expects ${run.groupsExpected} work items, not ${recorded}`,
    );
  }
  return groupsRecordedSince(run.generation, progress);
}

function progressed(
  state: RequestedRunState,
  progress: RunProgress,
  groupsRecorded: readonly RecordedGroup[],
  recordedAt: Instant,
): InvoiceBatchRunEvent {
  const { counts, runId } = progress;
  const { groupsExpected } = state.run;
  return {
    type: 'InvoiceGenerationProgressed',
    data: { runId, groupsRecorded, counts, groupsExpected, recordedAt },
  };
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
  const groupsRecorded = newlyRecordedGroups(state, command.progress);
  if (groupsRecorded.length === 0) return [];
  if (steps < 0) throw generationAlreadyCompleted(command.runId);
  return [progressed(state, command.progress, groupsRecorded, command.recordedAt)];
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
  const groupsRecorded = newlyRecordedGroups(state, command.progress);
  if (steps <= 0) {
    if (groupsRecorded.length === 0) return [];
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
  if (steps === 1 && groupsRecorded.length === 0) return [completed];
  return [progressed(state, command.progress, groupsRecorded, command.completedAt), completed];
}
