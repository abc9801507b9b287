import { DomainError, assertNever, type Decider } from '@invoice-engine/kernel';
import {
  decideCancelInvoiceBatchRun,
  decideCompleteInvoiceBatchRun,
  decideStartSummarization,
} from './decide-completion';
import {
  decideCompleteBillingSchedulesFiltering,
  decideRecordBillingSchedulesFilteringProgress,
  decideStartBillingSchedulesFiltering,
} from './decide-filtering';
import {
  decideCompleteInvoiceGeneration,
  decideRecordInvoiceGenerationProgress,
  decideStartInvoiceGeneration,
} from './decide-generation';
import { decideRequestInvoiceBatchRun } from './decide-run-request';
import type { InvoiceBatchRunCommand } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import {
  evolveInvoiceBatchRun,
  initialInvoiceBatchRunState,
  type InvoiceBatchRunState,
  type RequestedRunState,
} from './invoice-batch-run-state';

type StageCommand = Exclude<InvoiceBatchRunCommand, { readonly type: 'RequestInvoiceBatchRun' }>;

/** Every command but the request needs an existing, not canceled run with the same id. */
function existingRun(command: StageCommand, state: InvoiceBatchRunState): RequestedRunState {
  if (state.status === 'NotRequested') {
    throw new DomainError(
      'INVOICE_BATCH_RUN.NOT_FOUND',
      'not-found',
      `Run ${command.runId} was never requested`,
    );
  }
  if (state.run.request.runId !== command.runId) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.WRONG_RUN',
      'validation',
      `A command for run ${command.runId} reached run ${state.run.request.runId}`,
    );
  }
  if (state.status === 'Canceled' && command.type !== 'CancelInvoiceBatchRun') {
    throw new DomainError('INVOICE_BATCH_RUN.CANCELED', 'illegal-state', `Run ${command.runId} was canceled`);
  }
  return state;
}

export function decideInvoiceBatchRun(
  command: InvoiceBatchRunCommand,
  state: InvoiceBatchRunState,
): readonly InvoiceBatchRunEvent[] {
  if (command.type === 'RequestInvoiceBatchRun') return decideRequestInvoiceBatchRun(command, state);
  const run = existingRun(command, state);
  switch (command.type) {
    case 'StartBillingSchedulesFiltering':
      return decideStartBillingSchedulesFiltering(command, run);
    case 'RecordBillingSchedulesFilteringProgress':
      return decideRecordBillingSchedulesFilteringProgress(command, run);
    case 'CompleteBillingSchedulesFiltering':
      return decideCompleteBillingSchedulesFiltering(command, run);
    case 'StartInvoiceGeneration':
      return decideStartInvoiceGeneration(command, run);
    case 'RecordInvoiceGenerationProgress':
      return decideRecordInvoiceGenerationProgress(command, run);
    case 'CompleteInvoiceGeneration':
      return decideCompleteInvoiceGeneration(command, run);
    case 'StartSummarization':
      return decideStartSummarization(command, run);
    case 'CompleteInvoiceBatchRun':
      return decideCompleteInvoiceBatchRun(command, run);
    case 'CancelInvoiceBatchRun':
      return decideCancelInvoiceBatchRun(command, run);
    default:
      return assertNever(command, 'invoice batch run command');
  }
}

/** The decider of the stream `invoiceBatchRun-<runId>`. */
export const invoiceBatchRunDecider: Decider<
  InvoiceBatchRunCommand,
  InvoiceBatchRunEvent,
  InvoiceBatchRunState
> = {
  decide: decideInvoiceBatchRun,
  evolve: evolveInvoiceBatchRun,
  initialState: initialInvoiceBatchRunState,
};
