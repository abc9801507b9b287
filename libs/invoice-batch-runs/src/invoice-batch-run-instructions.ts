import type { CalendarDate } from '@invoice-engine/kernel';
import type { InvoiceBatchRunCommand } from './invoice-batch-run-commands';
import type { RevenueTransactionErrorLog } from './revenue-transaction-error-log';
import type { InvoiceBatchRunRequest, RequestedInvoiceStatus } from './run-request';

/** One grouping key (or one chunk of it) as filtering found it; grouping rules live elsewhere. */
export interface FilteredGroup {
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly chunkCount: number;
  /** Ordered by billing schedule id, the order of the invoice's lines. */
  readonly billingScheduleIds: readonly string[];
}

/** A work item for invoice generation; self-contained, with a deterministic id (run + key + chunk). */
export interface GroupWorkItem extends FilteredGroup {
  readonly workItemId: string;
  readonly runId: string;
  readonly invoiceStatus: RequestedInvoiceStatus;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly billingPeriodCount: number | null;
}

/** Why the workflow did nothing with a message; the shell logs it and commits the offset. */
export type IgnoreReason =
  | 'UnknownRun'
  | 'RunCanceled'
  | 'RunFinished'
  | 'DuplicateGroupOutcome'
  | 'ConflictingGroupOutcome'
  | 'NoReaction';

/**
 * What the invoice batch run workflow asks the shell to do, in order:
 * - `HandleRunCommand`: load the run stream, decide the command, append (expected revision).
 * - `FilterBillingSchedules`: scan and group the schedules of the request (filtering service).
 * - `PublishGroupWorkItems`: produce work items to `invoice-batch.group-work` (key: grouping key).
 * - `WriteErrorLog`: store a revenue transaction error log (idempotent by its id).
 * - `Ignore`: nothing to do, and why.
 */
export type InvoiceBatchRunInstruction =
  | { readonly type: 'HandleRunCommand'; readonly command: InvoiceBatchRunCommand }
  | { readonly type: 'FilterBillingSchedules'; readonly request: InvoiceBatchRunRequest }
  | {
      readonly type: 'PublishGroupWorkItems';
      readonly runId: string;
      readonly workItems: readonly GroupWorkItem[];
    }
  | { readonly type: 'WriteErrorLog'; readonly errorLog: RevenueTransactionErrorLog }
  | { readonly type: 'Ignore'; readonly reason: IgnoreReason; readonly detail: string };
