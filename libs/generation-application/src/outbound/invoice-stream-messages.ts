import type { InvoiceEvent, InvoiceGenerationFailed } from '@invoice-engine/invoicing';
import { assertNever, type EventEnvelope, type EventMetadata } from '@invoice-engine/kernel';
import { invoiceStateOf } from '../loading/invoice-stream';
import { groupFailedMessage, groupInvoicedMessage, type WorkItemChunk } from './group-result-messages';
import type { OutgoingMessage } from './outgoing-message';
import { taxRequestedMessage } from './tax-request-message';

type InvoiceEnvelope = EventEnvelope<InvoiceEvent['type'], InvoiceEvent['data']>;

function caused(by: InvoiceEnvelope, producer: string): EventMetadata {
  return { ...by.metadata, causationId: by.messageId, producer };
}

/**
 * What the bus must have heard from an invoice stream, derived from its events alone: the first
 * publication and every re-publication (a redelivered work item or tax result) are the same messages
 * with the same ids and times.
 * - DraftInProgress / PostingInProgress: the pending tax request (Estimate / CalculateAndCommit);
 * - Draft / Posted: the chunk's `GroupInvoiced`; Error: its `GroupFailed`;
 * - Pending (nothing recorded) and Canceled (a recovery took it over): nothing.
 * `chunk` names the work item for an invoice that failed before its lines were recorded.
 */
export function messagesOfInvoiceStream(
  events: readonly InvoiceEnvelope[],
  chunk: WorkItemChunk | null,
  producer: string,
): readonly OutgoingMessage[] {
  const last = events.at(-1);
  if (last === undefined) return [];
  const metadata = caused(last, producer);
  const state = invoiceStateOf(events);
  switch (state.status) {
    case 'Pending':
    case 'Canceled':
      return [];
    case 'DraftInProgress':
      return [taxRequestedMessage(state.invoice, 'Estimate', metadata)];
    case 'PostingInProgress':
      return [taxRequestedMessage(state.invoice, 'CalculateAndCommit', metadata)];
    case 'Draft':
      return [groupInvoicedMessage(state.invoice, state.totals, 'Draft', metadata)];
    case 'Posted':
      return [groupInvoicedMessage(state.invoice, state.totals, 'Posted', metadata)];
    case 'Error': {
      const failed = events.find(
        (event): event is EventEnvelope<'InvoiceGenerationFailed', InvoiceGenerationFailed['data']> =>
          event.type === 'InvoiceGenerationFailed',
      );
      const failedChunk = state.invoice ?? chunk;
      if (failed === undefined || failedChunk === null) {
        throw new Error(`Invoice ${state.invoiceId} is in Error but its failure or its chunk is unknown`);
      }
      const { runId, groupingKey, chunkIndex, chunkCount } = failedChunk;
      const target = { runId, groupingKey, chunkIndex, chunkCount };
      return [groupFailedMessage(failed.data, target, failed.metadata.occurredAt, metadata)];
    }
    default:
      return assertNever(state, 'invoice state');
  }
}
