import { DomainError, deterministicId, type Instant } from '@invoice-engine/kernel';

/** The step of a run an error log belongs to (DOMAIN.md section 1). */
export const ERROR_LOG_CATEGORIES = [
  'SelectionStep',
  'InvoiceGeneration',
  'TaxCalculation',
  'PostTaxCalculation',
  'ScheduleUpdate',
  'Summarization',
  'Recovery',
] as const;

export type ErrorLogCategory = (typeof ERROR_LOG_CATEGORIES)[number];

/** `Error`: the record was not processed; `Warning`: it was, but someone should look. */
export type ErrorLogSeverity = 'Error' | 'Warning';

/** The record an error log is about. */
export interface PrimaryRecord {
  readonly type: 'BillingSchedule' | 'Invoice' | 'InvoiceBatchRun';
  readonly id: string;
}

/** Revenue transaction error log: why something in a run failed, for billing operations to act on. */
export interface RevenueTransactionErrorLog {
  readonly errorLogId: string;
  readonly runId: string;
  readonly category: ErrorLogCategory;
  readonly errorCode: string;
  readonly message: string;
  readonly severity: ErrorLogSeverity;
  readonly primaryRecord: PrimaryRecord;
  /** The group the record belongs to; null for errors of the whole run or of selection. */
  readonly groupingKey: string | null;
  readonly loggedAt: Instant;
}

export type ErrorLogFields = Omit<RevenueTransactionErrorLog, 'errorLogId'>;

/**
 * Builds an error log with a deterministic id: the same error of the same record in the same run
 * step is one log however often a retry reports it (message and time are not part of the identity).
 */
export function revenueTransactionErrorLog(fields: ErrorLogFields): RevenueTransactionErrorLog {
  const blank = [fields.runId, fields.errorCode, fields.message, fields.primaryRecord.id].some(
    (value) => value.trim().length === 0,
  );
  if (blank || !ERROR_LOG_CATEGORIES.includes(fields.category)) {
    throw new DomainError(
      'ERROR_LOG.INVALID',
      'validation',
      'An error log needs a run, a known category, an error code, a message and a primary record',
    );
  }
  const errorLogId = deterministicId(
    'revenueTransactionErrorLog',
    fields.runId,
    fields.category,
    fields.errorCode,
    fields.primaryRecord.type,
    fields.primaryRecord.id,
    fields.groupingKey ?? '',
  );
  return { errorLogId, ...fields };
}
