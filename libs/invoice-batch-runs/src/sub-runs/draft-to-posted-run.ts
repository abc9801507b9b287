import type { CurrencyCode, DomainEvent, Instant, Money } from '@invoice-engine/kernel';
import type { ItemResult } from './item-results';
import type { SubRunStatus } from './sub-run-status';

/** How posting one draft invoice ended: posted with its number and total (actual tax), or failed. */
export type InvoicePostingResult =
  | { readonly status: 'Posted'; readonly invoiceNumber: string; readonly total: Money }
  | { readonly status: 'Failed'; readonly errorCode: string; readonly message: string };

/**
 * A draft-to-posted run posts every Draft invoice of one invoice batch run (DOMAIN.md section 6).
 * The shell selects the drafts (I/O) and reports posting results in batches.
 */
export type DraftToPostedRunCommand =
  | {
      readonly type: 'StartDraftToPostedRun';
      readonly draftToPostedRunId: string;
      readonly invoiceBatchRunId: string;
      readonly selectedInvoiceIds: readonly string[];
      readonly defaultCurrency: CurrencyCode;
      readonly startedAt: Instant;
    }
  | {
      readonly type: 'RecordInvoicePostingResults';
      readonly draftToPostedRunId: string;
      readonly results: readonly ItemResult<InvoicePostingResult>[];
      readonly recordedAt: Instant;
    };

/** The counts and amount a draft-to-posted run records. `postedAmount` follows the single-total rule. */
export interface DraftToPostedRunCounts {
  readonly selectedInvoices: number;
  readonly postedInvoices: number;
  readonly failedInvoices: number;
  readonly postedAmountsByCurrency: Readonly<Record<string, Money>>;
  readonly postedAmount: Money | null;
}

export type DraftToPostedRunEvent =
  | DomainEvent<
      'DraftToPostedRunStarted',
      {
        readonly draftToPostedRunId: string;
        readonly invoiceBatchRunId: string;
        readonly selectedInvoiceIds: readonly string[];
        readonly defaultCurrency: CurrencyCode;
        readonly startedAt: Instant;
      }
    >
  | DomainEvent<
      'InvoicePostingResultsRecorded',
      {
        readonly draftToPostedRunId: string;
        readonly results: readonly ItemResult<InvoicePostingResult>[];
        readonly recordedAt: Instant;
      }
    >
  | DomainEvent<
      'DraftToPostedRunCompleted',
      {
        readonly draftToPostedRunId: string;
        readonly invoiceBatchRunId: string;
        readonly status: SubRunStatus;
        readonly counts: DraftToPostedRunCounts;
        readonly completedAt: Instant;
      }
    >;

/** What a started draft-to-posted run knows; `results` is keyed by invoice id. */
export interface DraftToPostedRunRecord {
  readonly draftToPostedRunId: string;
  readonly invoiceBatchRunId: string;
  readonly selectedInvoiceIds: readonly string[];
  readonly defaultCurrency: CurrencyCode;
  readonly results: Readonly<Record<string, InvoicePostingResult>>;
}

export type DraftToPostedRunState =
  | { readonly status: 'NotStarted' }
  | { readonly status: 'Started'; readonly run: DraftToPostedRunRecord }
  | {
      readonly status: SubRunStatus;
      readonly run: DraftToPostedRunRecord;
      readonly counts: DraftToPostedRunCounts;
    };
