import type { Instant } from '@invoice-engine/kernel';
import { checkpointOrComplete, type CheckpointPolicy } from './generation-checkpoint';
import { groupChunkKey, type GroupOutcome } from './group-outcome';
import type { InvoiceBatchRunInstruction } from './invoice-batch-run-instructions';
import type { InvoiceBatchRunState, RequestedRunState } from './invoice-batch-run-state';
import { revenueTransactionErrorLog } from './revenue-transaction-error-log';
import {
  foldStoredOutcomes,
  type GroupOutcomeRecording,
  type RunProgress,
  type SequencedGroupOutcome,
} from './run-progress';
import { stageIndex } from './status-subtype';
import { stagePosition } from './run-stage';

export interface GroupOutcomesReaction {
  readonly progress: RunProgress;
  readonly instructions: readonly InvoiceBatchRunInstruction[];
}

function generationCompleted(state: RequestedRunState): boolean {
  return stagePosition(state) >= stageIndex('InvoiceGenerationCompleted');
}

function conflictLog(
  state: RequestedRunState,
  outcome: GroupOutcome,
  code: string,
  message: string,
  now: Instant,
) {
  const runId = state.run.request.runId;
  return {
    type: 'WriteErrorLog',
    errorLog: revenueTransactionErrorLog({
      runId,
      category: 'Summarization',
      errorCode: code,
      message,
      severity: 'Error',
      primaryRecord: { type: 'InvoiceBatchRun', id: runId },
      groupingKey: outcome.groupingKey,
      loggedAt: now,
    }),
  } as const;
}

/** What to say about each outcome that counted nothing; a counted one needs no word. */
function explain(
  state: RequestedRunState,
  recording: GroupOutcomeRecording,
  now: Instant,
): readonly InvoiceBatchRunInstruction[] {
  const key = groupChunkKey(recording.outcome);
  switch (recording.result) {
    case 'Recorded':
      if (!generationCompleted(state)) return [];
      return [
        {
          type: 'Ignore',
          reason: 'RunFinished',
          detail: `Work item ${key} arrived after generation completed`,
        },
        conflictLog(
          state,
          recording.outcome,
          'INVOICE_BATCH_RUN.UNEXPECTED_GROUP_OUTCOME',
          `Work item ${key} was not expected`,
          now,
        ),
      ];
    case 'AlreadyRecorded':
      return [
        { type: 'Ignore', reason: 'DuplicateGroupOutcome', detail: `Work item ${key} was already counted` },
      ];
  }
}

/**
 * The summarization service's reaction to a batch of stored group results (key: run id, so one
 * consumer per run), numbered by its outcome store. Folds them into `progress` (seeded by
 * `resumeRunProgress`), then checkpoints or completes generation. After generation completed nothing
 * more is counted. A contradicting second outcome of a work item never gets here: the store keeps the
 * first and reports the second as conflicting.
 */
export function reactToGroupOutcomes(
  state: InvoiceBatchRunState,
  progress: RunProgress,
  outcomes: readonly SequencedGroupOutcome[],
  now: Instant,
  policy: CheckpointPolicy,
): GroupOutcomesReaction {
  if (state.status === 'NotRequested') {
    return {
      progress,
      instructions: [
        { type: 'Ignore', reason: 'UnknownRun', detail: `Run ${progress.runId} does not exist` },
      ],
    };
  }
  if (state.status === 'Canceled') {
    const detail = `Run ${state.run.request.runId} was canceled; ${outcomes.length} group results dropped`;
    return { progress, instructions: [{ type: 'Ignore', reason: 'RunCanceled', detail }] };
  }
  const folded = foldStoredOutcomes(progress, outcomes);
  const explanations = folded.recordings.flatMap((recording) => explain(state, recording, now));
  if (generationCompleted(state)) return { progress, instructions: explanations };
  const next = checkpointOrComplete(state, folded.progress, now, policy.checkpointEveryGroups);
  return { progress: folded.progress, instructions: [...explanations, ...next] };
}

/**
 * A timer or a graceful shutdown flushes whatever was counted since the last checkpoint, so a
 * slow tail of groups still shows progress and a restart redelivers little.
 */
export function reactToCheckpointDue(
  state: InvoiceBatchRunState,
  progress: RunProgress,
  now: Instant,
): readonly InvoiceBatchRunInstruction[] {
  return checkpointOrComplete(state, progress, now, 1);
}
