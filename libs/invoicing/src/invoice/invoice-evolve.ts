import { assertNever } from '@invoice-engine/kernel';
import type { AssembledInvoice } from '../assembly/invoice-assembly';
import type { InvoiceEvent } from './invoice-events';
import type { InvoiceState } from './invoice-state';

/** Folds one event of an `invoice-<id>` stream into its state. */
export function evolveInvoice(state: InvoiceState, event: InvoiceEvent): InvoiceState {
  switch (event.type) {
    case 'InvoiceDraftingStarted':
      return { status: 'DraftInProgress', invoice: event.data };
    case 'InvoiceDrafted': {
      const { subtotal, taxTotal, total, lines } = event.data;
      return {
        status: 'Draft',
        invoice: recordedInvoice(state, event),
        lines,
        totals: { subtotal, taxTotal, total },
      };
    }
    case 'InvoicePostingStarted':
      if (state.status !== 'Draft') throw unexpected(state, event);
      return { ...state, status: 'PostingInProgress' };
    case 'InvoicePosted': {
      const { subtotal, taxTotal, total, lines, invoiceNumber, postedDate } = event.data;
      const invoice = recordedInvoice(state, event);
      return {
        status: 'Posted',
        invoice,
        lines,
        totals: { subtotal, taxTotal, total },
        invoiceNumber,
        postedDate,
      };
    }
    case 'InvoiceGenerationFailed': {
      const { invoiceId, runId, cause } = event.data;
      const invoice = state.status === 'Pending' ? null : recordedInvoice(state, event);
      return { status: 'Error', invoiceId, runId, invoice, cause };
    }
    case 'InvoiceCanceled': {
      const { invoiceId, runId, reason } = event.data;
      return { status: 'Canceled', invoiceId, runId, reason };
    }
    default:
      return assertNever(event, 'invoice event');
  }
}

function recordedInvoice(state: InvoiceState, event: InvoiceEvent): AssembledInvoice {
  if (state.status === 'Pending' || state.status === 'Canceled') throw unexpected(state, event);
  if (state.status === 'Error') {
    if (state.invoice === null) throw unexpected(state, event);
    return state.invoice;
  }
  return state.invoice;
}

/** An event the decider could not have produced in this state: the stream is corrupt. */
function unexpected(state: InvoiceState, event: InvoiceEvent): Error {
  return new Error(`Invoice event ${event.type} cannot follow status ${state.status}`);
}
