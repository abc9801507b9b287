import { domainErrorOf, minute } from './run-examples';
import { revenueTransactionErrorLog, type ErrorLogFields } from './revenue-transaction-error-log';

const fields: ErrorLogFields = {
  runId: 'run-1',
  category: 'TaxCalculation',
  errorCode: 'TAX.NO_RATE',
  message: 'No tax rate for tax code SW in AT',
  severity: 'Error',
  primaryRecord: { type: 'BillingSchedule', id: 'schedule-1' },
  groupingKey: 'account-1|USD',
  loggedAt: minute(3),
};

describe('a revenue transaction error log', () => {
  it('gets the same id when a retry reports the same error later with other words', () => {
    const first = revenueTransactionErrorLog(fields);
    const retry = revenueTransactionErrorLog({ ...fields, message: 'no rate', loggedAt: minute(9) });
    expect(retry.errorLogId).toBe(first.errorLogId);
  });

  it('gets another id for another record, step or group', () => {
    const ids = new Set(
      [
        fields,
        { ...fields, primaryRecord: { type: 'Invoice' as const, id: 'schedule-1' } },
        { ...fields, category: 'PostTaxCalculation' as const },
        { ...fields, groupingKey: null },
      ].map((variant) => revenueTransactionErrorLog(variant).errorLogId),
    );
    expect(ids.size).toBe(4);
  });

  it('needs an error code and a message', () => {
    expect(domainErrorOf(() => revenueTransactionErrorLog({ ...fields, errorCode: ' ' })).code).toBe(
      'ERROR_LOG.INVALID',
    );
    expect(domainErrorOf(() => revenueTransactionErrorLog({ ...fields, message: '' })).code).toBe(
      'ERROR_LOG.INVALID',
    );
  });
});
