import { assertNever } from '@invoice-engine/kernel';
import type { StartInvoicePosting } from './invoice-commands';
import { illegalInvoiceTransition, InvoiceErrorCode, invoiceNotFound } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/** Only a Draft starts posting; posting already under way or done makes a repeat a no-op. */
export function startInvoicePosting(
  command: StartInvoicePosting,
  state: InvoiceState,
): readonly InvoiceEvent[] {
  const action = 'start posting';
  switch (state.status) {
    case 'Pending':
      throw invoiceNotFound(command.invoiceId, action);
    case 'DraftInProgress':
      throw illegalInvoiceTransition(InvoiceErrorCode.NotDrafted, command.invoiceId, action, state);
    case 'Draft':
      return [
        { type: 'InvoicePostingStarted', data: { invoiceId: command.invoiceId, runId: state.invoice.runId } },
      ];
    case 'PostingInProgress':
    case 'Posted':
      return [];
    case 'Error':
      throw illegalInvoiceTransition(InvoiceErrorCode.InError, command.invoiceId, action, state);
    case 'Canceled':
      throw illegalInvoiceTransition(InvoiceErrorCode.Canceled, command.invoiceId, action, state);
    default:
      return assertNever(state, 'invoice state');
  }
}
