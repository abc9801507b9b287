import type { Instant } from '@invoice-engine/kernel';
import type { FilteringCounts } from './filtering-counts';
import type { InvoiceBatchRunRequest } from './run-request';
import type { RunProgress } from './run-progress';

/** Commands of the invoice batch run decider; every time arrives in the command. */
export type InvoiceBatchRunCommand =
  | { readonly type: 'RequestInvoiceBatchRun'; readonly request: InvoiceBatchRunRequest }
  | { readonly type: 'StartBillingSchedulesFiltering'; readonly runId: string; readonly startedAt: Instant }
  | {
      readonly type: 'RecordBillingSchedulesFilteringProgress';
      readonly runId: string;
      readonly counts: FilteringCounts;
      readonly recordedAt: Instant;
    }
  | {
      readonly type: 'CompleteBillingSchedulesFiltering';
      readonly runId: string;
      readonly counts: FilteringCounts;
      readonly groupsExpected: number;
      readonly completedAt: Instant;
    }
  | { readonly type: 'StartInvoiceGeneration'; readonly runId: string; readonly startedAt: Instant }
  | {
      /** A checkpoint of the summarization service's fold of group outcomes. */
      readonly type: 'RecordInvoiceGenerationProgress';
      readonly runId: string;
      readonly progress: RunProgress;
      readonly recordedAt: Instant;
    }
  | {
      readonly type: 'CompleteInvoiceGeneration';
      readonly runId: string;
      readonly progress: RunProgress;
      readonly completedAt: Instant;
    }
  | { readonly type: 'StartSummarization'; readonly runId: string; readonly startedAt: Instant }
  | { readonly type: 'CompleteInvoiceBatchRun'; readonly runId: string; readonly completedAt: Instant }
  | {
      readonly type: 'CancelInvoiceBatchRun';
      readonly runId: string;
      readonly canceledBy: string;
      readonly reason: string;
      readonly canceledAt: Instant;
    };

export type InvoiceBatchRunCommandType = InvoiceBatchRunCommand['type'];

/** The command of the given type, for one-function-per-command signatures. */
export type InvoiceBatchRunCommandOf<Type extends InvoiceBatchRunCommandType> = Extract<
  InvoiceBatchRunCommand,
  { readonly type: Type }
>;
