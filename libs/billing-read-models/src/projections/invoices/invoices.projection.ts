import type { RecordedEvent } from '@invoice-engine/event-store';
import type { InvoiceDraftingStarted, InvoiceEvent } from '@invoice-engine/invoicing';
import { assertNever } from '@invoice-engine/kernel';
import type { Projection, RowOperation } from '@invoice-engine/read-models';
import { amountColumn } from '../column-values';
import { eventTypesOf, narrowTo, type RecordedDomainEvent } from '../recorded-domain-event';
import {
  InvoiceTables,
  taxedLineRows,
  taxRows,
  totalsColumns,
  untaxedLineRows,
  updateInvoice,
} from './invoice-rows';

export const invoiceEventTypes = eventTypesOf<InvoiceEvent>({
  InvoiceDraftingStarted: true,
  InvoiceDrafted: true,
  InvoicePostingStarted: true,
  InvoicePosted: true,
  InvoiceGenerationFailed: true,
  InvoiceCanceled: true,
});

function draftingStartedRows(event: RecordedDomainEvent<InvoiceDraftingStarted>): readonly RowOperation[] {
  const invoice = event.data;
  const header = updateInvoice(event, {
    run_id: invoice.runId,
    grouping_key: invoice.groupingKey,
    chunk_index: invoice.chunkIndex,
    chunk_count: invoice.chunkCount,
    billing_account_id: invoice.billingAccountId,
    legal_entity_id: invoice.legalEntityId,
    tax_engine_id: invoice.taxEngineId,
    bill_to_country: invoice.billToAddress.country,
    bill_to_region: invoice.billToAddress.region,
    currency: invoice.currency,
    status: 'DraftInProgress',
    invoice_date: invoice.invoiceDate,
    due_date: invoice.dueDate,
    posted_date: null,
    invoice_number: null,
    line_count: invoice.lines.length,
    subtotal: amountColumn(invoice.subtotal),
    tax_total: null,
    total: null,
    subtotal_minor: invoice.subtotal.minorUnits,
    tax_total_minor: null,
    total_minor: null,
    failure_category: null,
    failure_code: null,
    failure_message: null,
    cancel_reason: null,
  });
  return [header, untaxedLineRows(event, invoice.lines)];
}

function invoiceRows(event: RecordedDomainEvent<InvoiceEvent>): readonly RowOperation[] {
  switch (event.type) {
    case 'InvoiceDraftingStarted':
      return draftingStartedRows(event);
    case 'InvoiceDrafted': {
      const { lines, subtotal, taxTotal, total } = event.data;
      return [
        updateInvoice(event, { status: 'Draft', ...totalsColumns({ subtotal, taxTotal, total }) }),
        taxedLineRows(event, lines),
        taxRows(event, lines),
      ];
    }
    case 'InvoicePostingStarted':
      return [updateInvoice(event, { status: 'PostingInProgress' })];
    case 'InvoicePosted': {
      const { lines, subtotal, taxTotal, total, invoiceNumber, postedDate } = event.data;
      return [
        updateInvoice(event, {
          status: 'Posted',
          invoice_number: invoiceNumber,
          posted_date: postedDate,
          ...totalsColumns({ subtotal, taxTotal, total }),
        }),
        taxedLineRows(event, lines),
        taxRows(event, lines),
      ];
    }
    case 'InvoiceGenerationFailed': {
      const { runId, groupingKey, cause } = event.data;
      return [
        updateInvoice(event, {
          run_id: runId,
          grouping_key: groupingKey,
          status: 'Error',
          failure_category: cause.category,
          failure_code: cause.code,
          failure_message: cause.message,
        }),
      ];
    }
    case 'InvoiceCanceled':
      return [updateInvoice(event, { status: 'Canceled', cancel_reason: event.data.reason })];
    default:
      return assertNever(event, 'invoice event');
  }
}

/**
 * `invoices`, `invoice_lines` and `invoice_taxes` from the invoice stream. An invoice that failed
 * before its lines were recorded gets a row with its run, grouping key, status and failure only.
 */
export const invoicesProjection: Projection = {
  name: 'invoices',
  eventTypes: invoiceEventTypes,
  tables: Object.values(InvoiceTables),
  fold: (events) =>
    events.flatMap((event: RecordedEvent) => invoiceRows(narrowTo<InvoiceEvent>(invoiceEventTypes, event))),
};
