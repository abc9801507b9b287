import type { RecordedEvent } from '@invoice-engine/event-store';
import {
  revenueTransactionErrorLog,
  type RevenueTransactionErrorLog,
} from '@invoice-engine/invoice-batch-runs';
import type { InvoiceGenerationFailed } from '@invoice-engine/invoicing';
import { upsertRows, type Projection, type RowOperation } from '@invoice-engine/read-models';
import { eventTypesOf, narrowTo, type RecordedDomainEvent } from '../recorded-domain-event';

export const errorLogsTable = 'revenue_transaction_error_logs';

/** The events that carry an error log today: a failed invoice names its group, cause and schedules. */
export const errorLogEventTypes = eventTypesOf<InvoiceGenerationFailed>({ InvoiceGenerationFailed: true });

/**
 * One log for the failed invoice and one per billing schedule it would have billed, all in the
 * failure's category, so that operations find the error from the run, the invoice or the schedule.
 * Ids are the deterministic ids of `revenueTransactionErrorLog`.
 */
export function errorLogsOf(
  event: RecordedDomainEvent<InvoiceGenerationFailed>,
): readonly RevenueTransactionErrorLog[] {
  const { invoiceId, runId, groupingKey, cause, billingScheduleIds } = event.data;
  const common = {
    runId,
    category: cause.category,
    errorCode: cause.code,
    message: cause.message,
    severity: 'Error' as const,
    groupingKey,
    loggedAt: event.metadata.occurredAt,
  };
  return [
    revenueTransactionErrorLog({ ...common, primaryRecord: { type: 'Invoice', id: invoiceId } }),
    ...billingScheduleIds.map((id) =>
      revenueTransactionErrorLog({ ...common, primaryRecord: { type: 'BillingSchedule', id } }),
    ),
  ];
}

function errorLogRows(event: RecordedEvent): RowOperation {
  const failed = narrowTo<InvoiceGenerationFailed>(errorLogEventTypes, event);
  const rows = errorLogsOf(failed).map((log) => ({
    error_log_id: log.errorLogId,
    run_id: log.runId,
    category: log.category,
    error_code: log.errorCode,
    message: log.message,
    severity: log.severity,
    primary_record_type: log.primaryRecord.type,
    primary_record_id: log.primaryRecord.id,
    grouping_key: log.groupingKey,
    occurred_at: log.loggedAt,
    last_position: event.position,
  }));
  return upsertRows(errorLogsTable, ['error_log_id'], rows, 'last_position');
}

/** `revenue_transaction_error_logs`, from the events that carry errors. */
export const revenueTransactionErrorLogsProjection: Projection = {
  name: 'revenue-transaction-error-logs',
  eventTypes: errorLogEventTypes,
  tables: [errorLogsTable],
  fold: (events) => events.map(errorLogRows),
};
