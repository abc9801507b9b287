import { DomainError } from '@invoice-engine/kernel';
import {
  filteringCountsFollow,
  sameFilteringCounts,
  validateFilteringCounts,
  type FilteringCounts,
} from './filtering-counts';
import type { InvoiceBatchRunCommandOf } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { RequestedRunState } from './invoice-batch-run-state';
import { stageOutOfOrder, stepsToStage } from './run-stage';

export function decideStartBillingSchedulesFiltering(
  command: InvoiceBatchRunCommandOf<'StartBillingSchedulesFiltering'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  if (stepsToStage(state, 'BillingSchedulesFilteringStarted') <= 0) return [];
  return [
    {
      type: 'BillingSchedulesFilteringStarted',
      data: { runId: command.runId, startedAt: command.startedAt },
    },
  ];
}

/**
 * Counts only grow; a checkpoint with no new schedule, or an older one delivered late, adds
 * nothing. Once filtering completed, late checkpoints are redeliveries.
 */
export function decideRecordBillingSchedulesFilteringProgress(
  command: InvoiceBatchRunCommandOf<'RecordBillingSchedulesFilteringProgress'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  validateFilteringCounts(command.counts);
  const steps = stepsToStage(state, 'BillingSchedulesFilteringInProgress');
  if (steps < 0) return [];
  if (steps > 1) throw stageOutOfOrder(state, 'BillingSchedulesFilteringInProgress');
  const { filtering } = state.run;
  if (sameFilteringCounts(filtering, command.counts) && steps === 0) return [];
  if (!filteringCountsFollow(filtering, command.counts)) return [];
  return [
    {
      type: 'BillingSchedulesFilteringProgressed',
      data: { runId: command.runId, counts: command.counts, recordedAt: command.recordedAt },
    },
  ];
}

function validateGroupsExpected(counts: FilteringCounts, groupsExpected: number): void {
  const consistent = (counts.billingSchedulesSelected === 0) === (groupsExpected === 0);
  if (!Number.isInteger(groupsExpected) || groupsExpected < 0 || !consistent) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_GROUPS_EXPECTED',
      'validation',
      `${groupsExpected} work items cannot come from ${counts.billingSchedulesSelected} selected schedules`,
    );
  }
}

/**
 * Completing filtering from `BillingSchedulesFilteringStarted` also records the final counts as
 * progress, so every run (an empty one too) passes through `BillingSchedulesFilteringInProgress`.
 *
 * The completion's counts are the run's counts, even when they are lower than a checkpoint: a filtering
 * pass that restarts after a crash scans every schedule again, and schedules changed in between (held,
 * canceled, invoiced by another run) are counted as they are now. Checkpoints are progress reports of a
 * pass; the completion is what the work items were built from, and the summary must agree with them.
 */
export function decideCompleteBillingSchedulesFiltering(
  command: InvoiceBatchRunCommandOf<'CompleteBillingSchedulesFiltering'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  validateFilteringCounts(command.counts);
  validateGroupsExpected(command.counts, command.groupsExpected);
  const { run } = state;
  const steps = stepsToStage(state, 'BillingSchedulesFilteringCompleted');
  if (steps <= 0) {
    const same =
      sameFilteringCounts(run.filtering, command.counts) && run.groupsExpected === command.groupsExpected;
    if (same) return [];
    throw new DomainError(
      'INVOICE_BATCH_RUN.FILTERING_ALREADY_COMPLETED',
      'conflict',
      `Filtering of run ${command.runId} already completed with other counts`,
    );
  }
  if (steps > 2) throw stageOutOfOrder(state, 'BillingSchedulesFilteringCompleted');
  const { runId, counts, groupsExpected, completedAt } = command;
  const completed: InvoiceBatchRunEvent = {
    type: 'BillingSchedulesFilteringCompleted',
    data: { runId, counts, groupsExpected, completedAt },
  };
  if (steps === 1) return [completed];
  return [
    { type: 'BillingSchedulesFilteringProgressed', data: { runId, counts, recordedAt: completedAt } },
    completed,
  ];
}
