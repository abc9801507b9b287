import { assertNever } from '@invoice-engine/kernel';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { CancelInvoice } from './invoice-commands';
import { illegalInvoiceTransition, InvoiceErrorCode, invoiceNotFound } from './invoice-errors';
import type { InvoiceEvent, ReleasedPeriod } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/**
 * Recovery (or a user) cancels an invoice stuck in DraftInProgress or PostingInProgress, one in
 * Error, or a Draft; the event lists the periods it held so they can be billed again. Posted
 * invoices are never canceled; canceling twice is a no-op.
 */
export function cancelInvoice(command: CancelInvoice, state: InvoiceState): readonly InvoiceEvent[] {
  switch (state.status) {
    case 'Pending':
      throw invoiceNotFound(command.invoiceId, 'cancel');
    case 'DraftInProgress':
    case 'Draft':
    case 'PostingInProgress':
      return [canceled(command, state.status, state.invoice.runId, state.invoice)];
    case 'Error':
      return [canceled(command, state.status, state.runId, state.invoice)];
    case 'Posted':
      throw illegalInvoiceTransition(InvoiceErrorCode.AlreadyPosted, command.invoiceId, 'cancel', state);
    case 'Canceled':
      return [];
    default:
      return assertNever(state, 'invoice state');
  }
}

function canceled(
  command: CancelInvoice,
  canceledFrom: InvoiceState['status'],
  runId: string,
  invoice: AssembledInvoice | null,
): InvoiceEvent {
  const releasedPeriods: readonly ReleasedPeriod[] = (invoice?.lines ?? []).map((line) => ({
    billingScheduleId: line.billingScheduleId,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
  }));
  return {
    type: 'InvoiceCanceled',
    data: { invoiceId: command.invoiceId, runId, canceledFrom, reason: command.reason, releasedPeriods },
  };
}
