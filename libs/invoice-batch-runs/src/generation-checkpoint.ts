import { DomainError, type Instant } from '@invoice-engine/kernel';
import type { InvoiceBatchRunInstruction } from './invoice-batch-run-instructions';
import type { InvoiceBatchRunState } from './invoice-batch-run-state';
import type { RunProgress } from './run-progress';

/** How often the summarization service checkpoints its fold on the run stream. */
export interface CheckpointPolicy {
  /** Append `InvoiceGenerationProgressed` once this many new work items are counted. */
  readonly checkpointEveryGroups: number;
}

export function validateCheckpointPolicy(policy: CheckpointPolicy): void {
  if (!Number.isInteger(policy.checkpointEveryGroups) || policy.checkpointEveryGroups < 1) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_CHECKPOINT_POLICY',
      'validation',
      `checkpointEveryGroups must be a positive integer, not ${policy.checkpointEveryGroups}`,
    );
  }
}

/** Where the summarization service's fold resumes after a restart: the run's last checkpoint. */
export function resumeRunProgress(state: InvoiceBatchRunState): RunProgress | null {
  return state.status === 'NotRequested' ? null : state.run.generation;
}

function isGenerating(
  state: InvoiceBatchRunState,
): state is Extract<InvoiceBatchRunState, { status: 'Started' }> {
  return (
    state.status === 'Started' &&
    (state.statusSubtype === 'InvoiceGenerationStarted' ||
      state.statusSubtype === 'InvoiceGenerationInProgress')
  );
}

/**
 * Completes generation once every expected work item is counted, otherwise checkpoints when
 * `threshold` new work items wait. Before generation starts the fold just keeps growing: the
 * reaction to `InvoiceGenerationStarted` picks it up. What a checkpoint has not counted yet must be
 * kept by the shell until it is (the summarization service stores every outcome before folding it).
 */
export function checkpointOrComplete(
  state: InvoiceBatchRunState,
  progress: RunProgress,
  now: Instant,
  threshold: number,
): readonly InvoiceBatchRunInstruction[] {
  if (!isGenerating(state)) return [];
  const { runId } = progress;
  const { groupsExpected, generation } = state.run;
  const { groupsCompleted } = progress.counts;
  if (groupsCompleted === groupsExpected) {
    return [
      {
        type: 'HandleRunCommand',
        command: { type: 'CompleteInvoiceGeneration', runId, progress, completedAt: now },
      },
    ];
  }
  if (groupsCompleted > groupsExpected) {
    return [
      {
        type: 'Ignore',
        reason: 'ConflictingGroupOutcome',
        detail: `Run ${runId} counted ${groupsCompleted} work items but expects ${groupsExpected}`,
      },
    ];
  }
  if (groupsCompleted - generation.counts.groupsCompleted < threshold) return [];
  return [
    {
      type: 'HandleRunCommand',
      command: { type: 'RecordInvoiceGenerationProgress', runId, progress, recordedAt: now },
    },
  ];
}
