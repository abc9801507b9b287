import type { EventStore, RecordedEvent, StreamRevision } from '@invoice-engine/event-store';
import { StreamCategory, streamName } from '@invoice-engine/kernel';
import {
  invoiceBatchSchedulerDecider,
  type InvoiceBatchSchedulerEvent,
  type InvoiceBatchSchedulerState,
} from '@invoice-engine/scheduling';

export function invoiceBatchSchedulerStream(schedulerId: string): string {
  return streamName(StreamCategory.InvoiceBatchScheduler, schedulerId);
}

/** A scheduler as its stream holds it: the folded state, the revision to append at and its events. */
export interface LoadedInvoiceBatchScheduler {
  readonly schedulerId: string;
  readonly stream: string;
  readonly state: InvoiceBatchSchedulerState;
  readonly revision: StreamRevision | 'no-stream';
  readonly events: readonly InvoiceBatchSchedulerEvent[];
  /** When the last event was recorded; null for a stream without events. */
  readonly lastRecordedAt: RecordedEvent['metadata']['occurredAt'] | null;
}

export async function loadInvoiceBatchScheduler(
  store: EventStore,
  schedulerId: string,
): Promise<LoadedInvoiceBatchScheduler> {
  const stream = invoiceBatchSchedulerStream(schedulerId);
  const recorded = await store.readStream(stream);
  const events = recorded.map(
    (event) => ({ type: event.type, data: event.data }) as InvoiceBatchSchedulerEvent,
  );
  const last = recorded.at(-1);
  return {
    schedulerId,
    stream,
    state: events.reduce(invoiceBatchSchedulerDecider.evolve, invoiceBatchSchedulerDecider.initialState()),
    revision: last === undefined ? 'no-stream' : last.revision,
    events,
    lastRecordedAt: last?.metadata.occurredAt ?? null,
  };
}
