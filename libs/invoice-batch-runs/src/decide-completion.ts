import { DomainError } from '@invoice-engine/kernel';
import type { InvoiceBatchRunCommandOf } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { RequestedRunState } from './invoice-batch-run-state';
import { stageOutOfOrder, stepsToStage } from './run-stage';
import { summarizeRun } from './run-summary';

export function decideStartSummarization(
  command: InvoiceBatchRunCommandOf<'StartSummarization'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  const steps = stepsToStage(state, 'InvoiceGenerationSummarizationInProgress');
  if (steps <= 0) return [];
  if (steps > 1) throw stageOutOfOrder(state, 'InvoiceGenerationSummarizationInProgress');
  return [{ type: 'SummarizationStarted', data: { runId: command.runId, startedAt: command.startedAt } }];
}

/** The run fails when any group failed; its summary still counts what succeeded. */
export function decideCompleteInvoiceBatchRun(
  command: InvoiceBatchRunCommandOf<'CompleteInvoiceBatchRun'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  const steps = stepsToStage(state, 'Completed');
  if (steps <= 0) return [];
  if (steps > 1) throw stageOutOfOrder(state, 'Completed');
  const { request, filtering, generation } = state.run;
  const summary = summarizeRun(filtering, generation.counts, request.defaultCurrency);
  const { groupsFailed } = generation.counts;
  if (groupsFailed > 0) {
    return [
      {
        type: 'InvoiceBatchRunFailed',
        data: { runId: command.runId, summary, groupsFailed, failedAt: command.completedAt },
      },
    ];
  }
  return [
    {
      type: 'InvoiceBatchRunCompleted',
      data: { runId: command.runId, summary, completedAt: command.completedAt },
    },
  ];
}

/** A user may cancel a run until it completes or fails; canceling twice changes nothing. */
export function decideCancelInvoiceBatchRun(
  command: InvoiceBatchRunCommandOf<'CancelInvoiceBatchRun'>,
  state: RequestedRunState,
): readonly InvoiceBatchRunEvent[] {
  switch (state.status) {
    case 'Canceled':
      return [];
    case 'Completed':
    case 'Failed':
      throw new DomainError(
        'INVOICE_BATCH_RUN.ALREADY_FINISHED',
        'illegal-state',
        `Run ${command.runId} is ${state.status} and can no longer be canceled`,
      );
    case 'Requested':
    case 'Started': {
      const { runId, canceledBy, reason, canceledAt } = command;
      return [{ type: 'InvoiceBatchRunCanceled', data: { runId, canceledBy, reason, canceledAt } }];
    }
  }
}
