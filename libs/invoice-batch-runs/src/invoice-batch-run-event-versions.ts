import type { InvoiceBatchRunEvent, InvoiceBatchRunEventType } from './invoice-batch-run-events';

/**
 * The schema version each run event is written at. `InvoiceGenerationProgressed` is at 2: version 1
 * also carried `groupsRecorded`, every work item counted since the previous checkpoint, which made a
 * run's stream and state grow with its number of groups.
 */
const SCHEMA_VERSIONS: Readonly<Record<InvoiceBatchRunEventType, number>> = {
  InvoiceBatchRunRequested: 1,
  BillingSchedulesFilteringStarted: 1,
  BillingSchedulesFilteringProgressed: 1,
  BillingSchedulesFilteringCompleted: 1,
  InvoiceGenerationStarted: 1,
  InvoiceGenerationProgressed: 2,
  InvoiceGenerationCompleted: 1,
  SummarizationStarted: 1,
  InvoiceBatchRunCompleted: 1,
  InvoiceBatchRunFailed: 1,
  InvoiceBatchRunCanceled: 1,
};

export function invoiceBatchRunEventSchemaVersion(type: InvoiceBatchRunEventType): number {
  return SCHEMA_VERSIONS[type];
}

/**
 * A run event as written at any schema version, in the shape of the current one. The store holds what
 * the decider emitted at the time; reading it back as a run event is the adapter's promise.
 */
export function upcastInvoiceBatchRunEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
): InvoiceBatchRunEvent {
  if (type === 'InvoiceGenerationProgressed' && schemaVersion < 2) {
    // Version 1's groupsRecorded is dropped: the counts say how many stored outcomes were counted.
    const { groupsRecorded: _dropped, ...current } = data as { readonly groupsRecorded?: unknown };
    return { type, data: current } as InvoiceBatchRunEvent;
  }
  return { type, data } as InvoiceBatchRunEvent;
}
