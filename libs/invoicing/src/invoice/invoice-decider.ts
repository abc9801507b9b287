import { assertNever, DomainError, type Decider } from '@invoice-engine/kernel';
import { cancelInvoice } from './cancel-invoice';
import { failInvoiceGeneration } from './fail-invoice-generation';
import type { InvoiceCommand } from './invoice-commands';
import { InvoiceErrorCode } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import { evolveInvoice } from './invoice-evolve';
import { initialInvoiceState, type InvoiceState } from './invoice-state';
import { postInvoice } from './post-invoice';
import { recordInvoiceDraft } from './record-invoice-draft';
import { startInvoiceGeneration } from './start-invoice-generation';
import { startInvoicePosting } from './start-invoice-posting';

export function decideInvoice(command: InvoiceCommand, state: InvoiceState): readonly InvoiceEvent[] {
  assertSameInvoice(command, state);
  switch (command.type) {
    case 'StartInvoiceGeneration':
      return startInvoiceGeneration(command, state);
    case 'RecordInvoiceDraft':
      return recordInvoiceDraft(command, state);
    case 'StartInvoicePosting':
      return startInvoicePosting(command, state);
    case 'PostInvoice':
      return postInvoice(command, state);
    case 'FailInvoiceGeneration':
      return failInvoiceGeneration(command, state);
    case 'CancelInvoice':
      return cancelInvoice(command, state);
    default:
      return assertNever(command, 'invoice command');
  }
}

/** The decider of one `invoice-<id>` stream. */
export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  decide: decideInvoice,
  evolve: evolveInvoice,
  initialState: initialInvoiceState,
};

/** A command sent to the wrong stream would silently act on another invoice. */
function assertSameInvoice(command: InvoiceCommand, state: InvoiceState): void {
  const commandInvoiceId =
    command.type === 'StartInvoiceGeneration' ? command.invoice.invoiceId : command.invoiceId;
  const stateInvoiceId = invoiceIdOfState(state);
  if (stateInvoiceId !== null && stateInvoiceId !== commandInvoiceId) {
    throw new DomainError(
      InvoiceErrorCode.IdMismatch,
      'validation',
      `Command ${command.type} names invoice ${commandInvoiceId}, the stream holds invoice ${stateInvoiceId}`,
    );
  }
}

function invoiceIdOfState(state: InvoiceState): string | null {
  switch (state.status) {
    case 'Pending':
      return null;
    case 'DraftInProgress':
    case 'Draft':
    case 'PostingInProgress':
    case 'Posted':
      return state.invoice.invoiceId;
    case 'Error':
    case 'Canceled':
      return state.invoiceId;
    default:
      return assertNever(state, 'invoice state');
  }
}
