import {
  GroupFailed,
  GroupInvoiced,
  type GroupErrorLog,
  type GroupFailedData,
  type GroupInvoicedData,
} from '@invoice-engine/contracts';
import type { AssembledInvoice, InvoiceGenerationFailed, InvoiceTotals } from '@invoice-engine/invoicing';
import {
  deterministicId,
  formatMoney,
  zeroMoney,
  type CurrencyCode,
  type EventMetadata,
} from '@invoice-engine/kernel';
import { outgoing, type OutgoingMessage } from './outgoing-message';

/** Which chunk of its group a work item (and so its invoice) is. */
export interface WorkItemChunk {
  readonly runId: string;
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly chunkCount: number;
}

/** One outcome per work item; its id follows from the chunk's invoice id, whichever path publishes it. */
export function groupResultMessageId(invoiceId: string, type: 'GroupInvoiced' | 'GroupFailed'): string {
  return deterministicId(invoiceId, type);
}

function chunkOf(invoice: AssembledInvoice): WorkItemChunk {
  const { runId, groupingKey, chunkIndex, chunkCount } = invoice;
  return { runId, groupingKey, chunkIndex, chunkCount };
}

/** A chunk invoiced: its one invoice, Draft or Posted, with its amounts. */
export function groupInvoicedMessage(
  invoice: AssembledInvoice,
  totals: InvoiceTotals,
  invoiceStatus: 'Draft' | 'Posted',
  metadata: EventMetadata,
): OutgoingMessage {
  const scheduleIds = new Set(invoice.lines.map((line) => line.billingScheduleId));
  const data: GroupInvoicedData = {
    ...chunkOf(invoice),
    invoiceIds: [invoice.invoiceId],
    billingSchedulesProcessed: scheduleIds.size,
    billingSchedulesFailed: 0,
    invoicesGenerated: 1,
    invoicesFailed: 0,
    errorLogs: [],
    invoiceStatus,
    amounts: [
      {
        currency: invoice.currency,
        subtotal: formatMoney(totals.subtotal),
        tax: formatMoney(totals.taxTotal),
        total: formatMoney(totals.total),
      },
    ],
  };
  return outgoing(GroupInvoiced, groupResultMessageId(invoice.invoiceId, 'GroupInvoiced'), data, metadata);
}

/**
 * A chunk none of whose schedules was still due when it was loaded: no invoice. The contract wants one
 * amounts entry, so it reports zero in the schedules' currency.
 */
export function nothingInvoicedMessage(
  chunk: WorkItemChunk,
  invoiceId: string,
  currency: CurrencyCode,
  invoiceStatus: 'Draft' | 'Posted',
  metadata: EventMetadata,
): OutgoingMessage {
  const zero = formatMoney(zeroMoney(currency));
  const data: GroupInvoicedData = {
    ...chunk,
    invoiceIds: [],
    billingSchedulesProcessed: 0,
    billingSchedulesFailed: 0,
    invoicesGenerated: 0,
    invoicesFailed: 0,
    errorLogs: [],
    invoiceStatus,
    amounts: [{ currency, subtotal: zero, tax: zero, total: zero }],
  };
  // Not the id of the invoiced outcome: should a redelivery later find a schedule due after all and
  // invoice it, summarization sees two different outcomes for the work item instead of one id with
  // two contents.
  const messageId = deterministicId(groupResultMessageId(invoiceId, 'GroupInvoiced'), 'NothingToInvoice');
  return outgoing(GroupInvoiced, messageId, data, metadata);
}

/**
 * A chunk failed: its invoice is in Error and each of its schedules too, one error log per schedule
 * (the primary record), stamped with the time of the failure event so a re-publication is identical.
 */
export function groupFailedMessage(
  failure: InvoiceGenerationFailed['data'],
  chunk: WorkItemChunk,
  failedAt: string,
  metadata: EventMetadata,
): OutgoingMessage {
  const log = (billingScheduleId: string | null, invoiceId: string | null): GroupErrorLog => ({
    category: failure.cause.category,
    code: failure.cause.code,
    message: failure.cause.message,
    severity: 'Error',
    billingScheduleId,
    invoiceId,
    occurredAt: failedAt,
  });
  const scheduleLogs = failure.billingScheduleIds.map((id) => log(id, null));
  const data: GroupFailedData = {
    ...chunk,
    invoiceIds: [failure.invoiceId],
    billingSchedulesProcessed: 0,
    billingSchedulesFailed: failure.billingScheduleIds.length,
    invoicesGenerated: 1,
    invoicesFailed: 1,
    errorLogs: scheduleLogs.length > 0 ? scheduleLogs : [log(null, failure.invoiceId)],
  };
  return outgoing(GroupFailed, groupResultMessageId(failure.invoiceId, 'GroupFailed'), data, metadata);
}
