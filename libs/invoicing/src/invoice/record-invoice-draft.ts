import { assertNever } from '@invoice-engine/kernel';
import { applyLineTaxes, invoiceTotals } from '../assembly/invoice-taxation';
import type { RecordInvoiceDraft } from './invoice-commands';
import { invoiceNotFound } from './invoice-errors';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/**
 * Estimated taxes turn DraftInProgress into Draft. A second answer once drafted (or later) is a
 * duplicate delivery and the first stands; a late answer for a failed or canceled invoice is ignored.
 */
export function recordInvoiceDraft(
  command: RecordInvoiceDraft,
  state: InvoiceState,
): readonly InvoiceEvent[] {
  switch (state.status) {
    case 'Pending':
      throw invoiceNotFound(command.invoiceId, 'draft');
    case 'DraftInProgress': {
      const { invoice } = state;
      const lines = applyLineTaxes(invoice.invoiceId, invoice.lines, command.lineTaxes, 'Estimated');
      const totals = invoiceTotals(lines, invoice.currency);
      return [
        {
          type: 'InvoiceDrafted',
          data: { invoiceId: invoice.invoiceId, runId: invoice.runId, lines, ...totals },
        },
      ];
    }
    case 'Draft':
    case 'PostingInProgress':
    case 'Posted':
    case 'Error':
    case 'Canceled':
      return [];
    default:
      return assertNever(state, 'invoice state');
  }
}
