import { assertNever, DomainError } from '@invoice-engine/kernel';
import { applyLineTaxes, invoiceTotals } from '../assembly/invoice-taxation';
import type { PostInvoice } from './invoice-commands';
import { illegalInvoiceTransition, InvoiceErrorCode, invoiceNotFound } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/**
 * Committed taxes and the invoice number turn PostingInProgress into Posted. Posting again with the
 * same number is a duplicate; with another number it would renumber a posted invoice: refused.
 */
export function postInvoice(command: PostInvoice, state: InvoiceState): readonly InvoiceEvent[] {
  const action = 'post';
  switch (state.status) {
    case 'Pending':
      throw invoiceNotFound(command.invoiceId, action);
    case 'DraftInProgress':
    case 'Draft':
      throw illegalInvoiceTransition(InvoiceErrorCode.PostingNotStarted, command.invoiceId, action, state);
    case 'PostingInProgress': {
      if (command.invoiceNumber.trim() === '') {
        throw new DomainError(
          InvoiceErrorCode.InvalidNumber,
          'validation',
          `Invoice ${command.invoiceId} needs a number`,
        );
      }
      const { invoice } = state;
      const lines = applyLineTaxes(invoice.invoiceId, invoice.lines, command.lineTaxes, 'Posted');
      const data = {
        invoiceId: invoice.invoiceId,
        runId: invoice.runId,
        invoiceNumber: command.invoiceNumber,
        postedDate: command.postedDate,
        lines,
        ...invoiceTotals(lines, invoice.currency),
      };
      return [{ type: 'InvoicePosted', data }];
    }
    case 'Posted':
      if (state.invoiceNumber === command.invoiceNumber) return [];
      throw new DomainError(
        InvoiceErrorCode.AlreadyPosted,
        'conflict',
        `Invoice ${command.invoiceId} was already posted as number ${state.invoiceNumber}`,
      );
    case 'Error':
      throw illegalInvoiceTransition(InvoiceErrorCode.InError, command.invoiceId, action, state);
    case 'Canceled':
      throw illegalInvoiceTransition(InvoiceErrorCode.Canceled, command.invoiceId, action, state);
    default:
      return assertNever(state, 'invoice state');
  }
}
