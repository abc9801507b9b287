import { calendarDate } from '@invoice-engine/kernel';
import { buildBillNowRequest, type BillNowInput } from './bill-now';

const today = calendarDate('2026-01-31');
const forAccount: BillNowInput = {
  scope: { kind: 'BillingAccount', billingAccountId: 'account-9' },
  targetDate: null,
  invoiceDate: null,
  invoiceStatus: 'Posted',
  today,
  maxTargetDateOffsetMonths: 12,
};

describe('Bill Now', () => {
  describe('for one billing account', () => {
    it('restricts the run to the account and targets today by default', () => {
      expect(buildBillNowRequest(forAccount)).toEqual({
        scope: { kind: 'BillingAccount', billingAccountId: 'account-9' },
        criteria: {
          currencies: null,
          billingBatches: null,
          legalEntityIds: null,
          billingAccountIds: ['account-9'],
          chargeTypes: null,
        },
        targetDate: '2026-01-31',
        invoiceDate: '2026-01-31',
        invoiceStatus: 'Posted',
        billingPeriodCount: null,
      });
    });
    it('uses the given target and invoice dates', () => {
      const request = buildBillNowRequest({
        ...forAccount,
        targetDate: calendarDate('2026-06-30'),
        invoiceDate: calendarDate('2026-02-01'),
      });
      expect(request).toMatchObject({ targetDate: '2026-06-30', invoiceDate: '2026-02-01' });
    });
    it('refuses a target date beyond the org limit, month end clamped', () => {
      const oneMonth = { ...forAccount, maxTargetDateOffsetMonths: 1 };
      expect(buildBillNowRequest({ ...oneMonth, targetDate: calendarDate('2026-02-28') }).targetDate).toBe(
        '2026-02-28',
      );
      expect(() => buildBillNowRequest({ ...oneMonth, targetDate: calendarDate('2026-03-01') })).toThrow(
        expect.objectContaining({ code: 'TARGET_DATE_OUT_OF_RANGE' }) as Error,
      );
    });
    it('refuses a blank account id', () => {
      expect(() =>
        buildBillNowRequest({ ...forAccount, scope: { kind: 'BillingAccount', billingAccountId: ' ' } }),
      ).toThrow(expect.objectContaining({ code: 'BILL_NOW.MISSING_SCOPE', kind: 'validation' }) as Error);
    });
  });

  describe('for one order', () => {
    it('keeps the order in the scope and leaves the criteria open', () => {
      const request = buildBillNowRequest({ ...forAccount, scope: { kind: 'Order', orderId: 'order-3' } });
      expect(request.scope).toEqual({ kind: 'Order', orderId: 'order-3' });
      expect(request.criteria.billingAccountIds).toBeNull();
    });
  });
});
