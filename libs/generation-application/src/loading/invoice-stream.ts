import type { EventStore, ExpectedRevision, RecordedEvent } from '@invoice-engine/event-store';
import { invoiceDecider, type InvoiceEvent, type InvoiceState } from '@invoice-engine/invoicing';
import {
  foldEvents,
  StreamCategory,
  streamName,
  type EventEnvelope,
  type StreamName,
} from '@invoice-engine/kernel';

/** An invoice stream as read: its events (envelopes, for their ids and times), state and revision. */
export interface LoadedInvoice {
  readonly invoiceId: string;
  readonly stream: StreamName;
  readonly events: readonly EventEnvelope<InvoiceEvent['type'], InvoiceEvent['data']>[];
  readonly state: InvoiceState;
  readonly revision: ExpectedRevision;
}

export function invoiceStream(invoiceId: string): StreamName {
  return streamName(StreamCategory.Invoice, invoiceId);
}

export function invoiceStateOf(events: readonly EventEnvelope[]): InvoiceState {
  return foldEvents(
    invoiceDecider,
    events.map((event) => ({ type: event.type, data: event.data }) as InvoiceEvent),
  );
}

/** Folds the events read from an invoice's stream (none: the invoice was never recorded). */
export function invoiceOf(invoiceId: string, recorded: readonly RecordedEvent[]): LoadedInvoice {
  const events = recorded as readonly EventEnvelope<InvoiceEvent['type'], InvoiceEvent['data']>[];
  const last = recorded.at(-1);
  return {
    invoiceId,
    stream: invoiceStream(invoiceId),
    events,
    state: invoiceStateOf(events),
    revision: last === undefined ? 'no-stream' : last.revision,
  };
}

export async function loadInvoice(eventStore: EventStore, invoiceId: string): Promise<LoadedInvoice> {
  return invoiceOf(invoiceId, await eventStore.readStream(invoiceStream(invoiceId)));
}
