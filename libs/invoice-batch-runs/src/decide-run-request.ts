import { DomainError } from '@invoice-engine/kernel';
import type { InvoiceBatchRunCommandOf } from './invoice-batch-run-commands';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { InvoiceBatchRunState } from './invoice-batch-run-state';
import { validateRunRequest, type InvoiceBatchRunRequest } from './run-request';

/** JSON with object keys sorted, so two equal requests compare equal however they were built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([left], [right]) => (left < right ? -1 : 1)))
      : nested,
  );
}

export function sameRunRequest(left: InvoiceBatchRunRequest, right: InvoiceBatchRunRequest): boolean {
  return canonical(left) === canonical(right);
}

/** The run id is the stream's identity: the same request again is a redelivery, another one a conflict. */
export function decideRequestInvoiceBatchRun(
  command: InvoiceBatchRunCommandOf<'RequestInvoiceBatchRun'>,
  state: InvoiceBatchRunState,
): readonly InvoiceBatchRunEvent[] {
  validateRunRequest(command.request);
  if (state.status === 'NotRequested') return [{ type: 'InvoiceBatchRunRequested', data: command.request }];
  if (sameRunRequest(state.run.request, command.request)) return [];
  throw new DomainError(
    'INVOICE_BATCH_RUN.ALREADY_REQUESTED',
    'conflict',
    `Run ${command.request.runId} was already requested with other parameters`,
  );
}
