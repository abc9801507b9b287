import { describe, expect, it } from '@jest/globals';
import { invoiceFailedWhilePending } from '../../testing/invoice.fixture';
import { RecordedLog } from '../../testing/recorded-log.fixture';
import { revenueTransactionErrorLogsProjection } from './revenue-transaction-error-logs.projection';

describe('the revenue-transaction-error-logs projection', () => {
  it('logs a failed invoice and each of its schedules in the failure category', () => {
    const events = new RecordedLog().recordAll('invoice-inv-9', invoiceFailedWhilePending('inv-9', 'run-1'));
    const [operation] = revenueTransactionErrorLogsProjection.fold(events);
    expect(operation).toMatchObject({
      kind: 'upsert',
      table: 'revenue_transaction_error_logs',
      key: ['error_log_id'],
    });
    const rows = operation?.kind === 'upsert' ? operation.rows : [];
    expect(rows.map((row) => [row['primary_record_type'], row['primary_record_id']])).toEqual([
      ['Invoice', 'inv-9'],
      ['BillingSchedule', 'bs-9'],
    ]);
    expect(rows[0]).toMatchObject({
      run_id: 'run-1',
      category: 'TaxCalculation',
      error_code: 'TAX.RATE_NOT_FOUND',
      severity: 'Error',
      grouping_key: 'schedule=bs-9',
      occurred_at: '2026-03-01T06:00:00.000Z',
    });
  });

  it('gives the same log the same id however often the failure is folded', () => {
    const log = new RecordedLog();
    const first = revenueTransactionErrorLogsProjection.fold(
      log.recordAll('invoice-inv-9', invoiceFailedWhilePending('inv-9', 'run-1')),
    );
    const again = revenueTransactionErrorLogsProjection.fold(
      log.recordAll('invoice-inv-9', invoiceFailedWhilePending('inv-9', 'run-1')),
    );
    const ids = (operations: typeof first) =>
      operations.flatMap((operation) =>
        operation.kind === 'upsert' ? operation.rows.map((row) => row['error_log_id']) : [],
      );
    expect(ids(again)).toEqual(ids(first));
    expect(new Set(ids(first)).size).toBe(2);
  });
});
