import type { DomainEvent, Instant } from '@invoice-engine/kernel';
import type { FilteringCounts } from './filtering-counts';
import type { InvoiceBatchRunRequest } from './run-request';
import type { GenerationCounts } from './run-progress';
import type { InvoiceBatchRunSummary } from './run-summary';

/**
 * Events of the stream `invoiceBatchRun-<runId>`. Each status subtype change is one event with its
 * time. Per-group outcomes are not events here (a hot stream would serialize the run): the
 * summarization service folds them and appends `InvoiceGenerationProgressed` checkpoints.
 */
export type InvoiceBatchRunRequested = DomainEvent<'InvoiceBatchRunRequested', InvoiceBatchRunRequest>;

export type BillingSchedulesFilteringStarted = DomainEvent<
  'BillingSchedulesFilteringStarted',
  { readonly runId: string; readonly startedAt: Instant }
>;

export type BillingSchedulesFilteringProgressed = DomainEvent<
  'BillingSchedulesFilteringProgressed',
  { readonly runId: string; readonly counts: FilteringCounts; readonly recordedAt: Instant }
>;

/** Filtering is over; `groupsExpected` work items (grouping key + chunk) were published. */
export type BillingSchedulesFilteringCompleted = DomainEvent<
  'BillingSchedulesFilteringCompleted',
  {
    readonly runId: string;
    readonly counts: FilteringCounts;
    readonly groupsExpected: number;
    readonly completedAt: Instant;
  }
>;

export type InvoiceGenerationStarted = DomainEvent<
  'InvoiceGenerationStarted',
  { readonly runId: string; readonly groupsExpected: number; readonly startedAt: Instant }
>;

/**
 * A checkpoint: the cumulative counts. `counts.groupsCompleted` is also how far the summarization
 * service's numbered outcome store is counted (its outcomes 1..groupsCompleted), so a restarted
 * consumer folds only the outcomes stored after it. Schema version 2; version 1 also listed every
 * work item counted since the previous checkpoint (`groupsRecorded`), which the upcaster drops.
 */
export type InvoiceGenerationProgressed = DomainEvent<
  'InvoiceGenerationProgressed',
  {
    readonly runId: string;
    readonly counts: GenerationCounts;
    readonly groupsExpected: number;
    readonly recordedAt: Instant;
  }
>;

export type InvoiceGenerationCompleted = DomainEvent<
  'InvoiceGenerationCompleted',
  { readonly runId: string; readonly counts: GenerationCounts; readonly completedAt: Instant }
>;

/** The run entered `InvoiceGenerationSummarizationInProgress`. */
export type SummarizationStarted = DomainEvent<
  'SummarizationStarted',
  { readonly runId: string; readonly startedAt: Instant }
>;

export type InvoiceBatchRunCompleted = DomainEvent<
  'InvoiceBatchRunCompleted',
  { readonly runId: string; readonly summary: InvoiceBatchRunSummary; readonly completedAt: Instant }
>;

/** At least one group failed; the summary still shows what succeeded. */
export type InvoiceBatchRunFailed = DomainEvent<
  'InvoiceBatchRunFailed',
  {
    readonly runId: string;
    readonly summary: InvoiceBatchRunSummary;
    readonly groupsFailed: number;
    readonly failedAt: Instant;
  }
>;

export type InvoiceBatchRunCanceled = DomainEvent<
  'InvoiceBatchRunCanceled',
  {
    readonly runId: string;
    readonly canceledBy: string;
    readonly reason: string;
    readonly canceledAt: Instant;
  }
>;

export type InvoiceBatchRunEvent =
  | InvoiceBatchRunRequested
  | BillingSchedulesFilteringStarted
  | BillingSchedulesFilteringProgressed
  | BillingSchedulesFilteringCompleted
  | InvoiceGenerationStarted
  | InvoiceGenerationProgressed
  | InvoiceGenerationCompleted
  | SummarizationStarted
  | InvoiceBatchRunCompleted
  | InvoiceBatchRunFailed
  | InvoiceBatchRunCanceled;

export type InvoiceBatchRunEventType = InvoiceBatchRunEvent['type'];
