import type { EventStore, StreamAppend } from '@invoice-engine/event-store';
import type { FilteredGroup } from '@invoice-engine/invoice-batch-runs';
import type { DomainEvent } from '@invoice-engine/kernel';
import { eventsToAppend, type AppendContext } from '../streams/event-envelopes';

/**
 * The stream category of a run's selection (the work items filtering found). The kernel's
 * `StreamCategory` lists the aggregates; the selection is this layer's own record, so its category
 * lives here. Kept apart from the run stream so a run of 100,000 groups does not bloat the stream
 * every run handler reads.
 */
export const InvoiceBatchRunSelectionCategory = 'invoiceBatchRunSelection';

/** `invoiceBatchRunSelection-<runId>`, built like the kernel's `streamName`. */
export function runSelectionStream(runId: string): string {
  if (runId.length === 0) throw new Error(`A ${InvoiceBatchRunSelectionCategory} stream needs an id`);
  return `${InvoiceBatchRunSelectionCategory}-${runId}`;
}

/** One page of a run's work items, in work item order. */
export type InvoiceBatchRunSelectionPageRecorded = DomainEvent<
  'InvoiceBatchRunSelectionPageRecorded',
  { readonly runId: string; readonly pageIndex: number; readonly workItems: readonly FilteredGroup[] }
>;

/** Billing schedule ids per page: keeps one event well under a megabyte. */
export const SCHEDULES_PER_SELECTION_PAGE = 10_000;

/** Cuts the work items into pages of about `schedulesPerPage` schedule ids; a work item is never split. */
export function selectionPages(
  runId: string,
  workItems: readonly FilteredGroup[],
  schedulesPerPage = SCHEDULES_PER_SELECTION_PAGE,
): readonly InvoiceBatchRunSelectionPageRecorded[] {
  const pages: FilteredGroup[][] = [];
  let current: FilteredGroup[] = [];
  let schedules = 0;
  for (const item of workItems) {
    if (current.length > 0 && schedules + item.billingScheduleIds.length > schedulesPerPage) {
      pages.push(current);
      current = [];
      schedules = 0;
    }
    current.push(item);
    schedules += item.billingScheduleIds.length;
  }
  if (current.length > 0) pages.push(current);
  return pages.map((page, pageIndex) => ({
    type: 'InvoiceBatchRunSelectionPageRecorded',
    data: { runId, pageIndex, workItems: page },
  }));
}

/** The append of a new selection stream, or none for a run that selected nothing. */
export function selectionAppend(
  runId: string,
  workItems: readonly FilteredGroup[],
  context: AppendContext,
  schedulesPerPage: number,
): readonly StreamAppend[] {
  const pages = selectionPages(runId, workItems, schedulesPerPage);
  if (pages.length === 0) return [];
  const stream = runSelectionStream(runId);
  return [{ stream, events: eventsToAppend(stream, 0n, pages, context), expectedRevision: 'no-stream' }];
}

/** The work items filtering recorded for the run, page by page, in the order they were recorded. */
export async function readRunSelectionPages(
  store: EventStore,
  runId: string,
): Promise<readonly (readonly FilteredGroup[])[]> {
  const events = await store.readStream(runSelectionStream(runId));
  return events.map((event) => (event.data as InvoiceBatchRunSelectionPageRecorded['data']).workItems);
}

/** The work items filtering recorded for the run, in the order they were recorded. */
export async function readRunSelection(store: EventStore, runId: string): Promise<readonly FilteredGroup[]> {
  return (await readRunSelectionPages(store, runId)).flat();
}
