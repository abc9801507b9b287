import type { DomainEvent, Instant } from '@invoice-engine/kernel';
import type { ItemResult } from './item-results';
import type { SubRunStatus } from './sub-run-status';

/** Invoice statuses a recovery run cancels: work that got stuck or failed (DOMAIN.md section 6). */
export const RECOVERABLE_INVOICE_STATUSES = ['DraftInProgress', 'PostingInProgress', 'Error'] as const;
export type RecoverableInvoiceStatus = (typeof RECOVERABLE_INVOICE_STATUSES)[number];

export interface StuckInvoice {
  readonly invoiceId: string;
  readonly status: RecoverableInvoiceStatus;
}

/**
 * How recovering one invoice ended: canceled with its schedules reset to ReadyForInvoicing (their
 * periods released), or left as it was with the reason.
 */
export type InvoiceRecoveryResult =
  | { readonly status: 'Recovered'; readonly billingSchedulesReset: number }
  | { readonly status: 'Unrecovered'; readonly errorCode: string; readonly message: string };

export type RecoveryRunCommand =
  | {
      readonly type: 'StartRecoveryRun';
      readonly recoveryRunId: string;
      readonly invoiceBatchRunId: string;
      readonly stuckInvoices: readonly StuckInvoice[];
      readonly startedAt: Instant;
    }
  | {
      readonly type: 'RecordInvoiceRecoveryResults';
      readonly recoveryRunId: string;
      readonly results: readonly ItemResult<InvoiceRecoveryResult>[];
      readonly recordedAt: Instant;
    };

export interface RecoveryRunCounts {
  readonly selectedInvoices: number;
  readonly recoveredInvoices: number;
  readonly unrecoveredInvoices: number;
  readonly billingSchedulesReset: number;
}

export type RecoveryRunEvent =
  | DomainEvent<
      'RecoveryRunStarted',
      {
        readonly recoveryRunId: string;
        readonly invoiceBatchRunId: string;
        readonly stuckInvoices: readonly StuckInvoice[];
        readonly startedAt: Instant;
      }
    >
  | DomainEvent<
      'InvoiceRecoveryResultsRecorded',
      {
        readonly recoveryRunId: string;
        readonly results: readonly ItemResult<InvoiceRecoveryResult>[];
        readonly recordedAt: Instant;
      }
    >
  | DomainEvent<
      'RecoveryRunCompleted',
      {
        readonly recoveryRunId: string;
        readonly invoiceBatchRunId: string;
        readonly status: SubRunStatus;
        readonly counts: RecoveryRunCounts;
        readonly completedAt: Instant;
      }
    >;

/** What a started recovery run knows; `results` is keyed by invoice id. */
export interface RecoveryRunRecord {
  readonly recoveryRunId: string;
  readonly invoiceBatchRunId: string;
  readonly stuckInvoices: readonly StuckInvoice[];
  readonly results: Readonly<Record<string, InvoiceRecoveryResult>>;
}

export type RecoveryRunState =
  | { readonly status: 'NotStarted' }
  | { readonly status: 'Started'; readonly run: RecoveryRunRecord }
  | { readonly status: SubRunStatus; readonly run: RecoveryRunRecord; readonly counts: RecoveryRunCounts };
