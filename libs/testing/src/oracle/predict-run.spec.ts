import {
  ANY_SCHEDULE,
  workedExampleTerms,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate, currencyCode, formatMoney, instant } from '@invoice-engine/kernel';
import {
  STANDARD_TAX_CODE,
  TEST_PAYMENT_TERMS,
  TEST_TAX_RATES,
  UNRATED_TAX_CODE,
} from '../billing-schedules/reference-data';
import { createdSchedule, predictRun } from './predict-run';
import type { RunToPredict } from './run-prediction';

const usd = currencyCode('USD');
const reference = { taxRates: TEST_TAX_RATES, paymentTerms: TEST_PAYMENT_TERMS, maxLinesPerInvoice: 2000 };

/** DOMAIN.md section 5, worked example 1 (100.00 × 2 monthly from 2026-01-15), taxed at CA 7.25 %. */
function workedExample(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
  return workedExampleTerms({ taxCode: STANDARD_TAX_CODE, ...overrides });
}

const run: RunToPredict = {
  runId: 'run-1',
  targetDate: calendarDate('2026-03-01'),
  invoiceDate: calendarDate('2026-03-01'),
  invoiceStatus: 'Draft',
  billingPeriodCount: null,
  criteria: ANY_SCHEDULE,
  defaultCurrency: usd,
  requestedAt: instant('2026-03-01T06:00:00.000Z'),
};

describe('the oracle of a run', () => {
  describe('when the schedule is worked example 1', () => {
    const prediction = predictRun(run, [createdSchedule(workedExample())], reference);

    it('predicts its three lines, tax 36.95 and total 546.63 on a draft due after 30 days', () => {
      const [invoice] = prediction.invoices;
      expect(invoice?.lines.map((line) => formatMoney(line.chargeAmount))).toEqual([
        '109.68',
        '200.00',
        '200.00',
      ]);
      expect(invoice?.taxTotal && formatMoney(invoice.taxTotal)).toBe('36.95');
      expect(invoice?.total && formatMoney(invoice.total)).toBe('546.63');
      expect(invoice?.status).toBe('Draft');
      expect(invoice?.dueDate).toBe('2026-03-31');
    });

    it('moves the schedule to the next period and holds it in Processing behind the draft', () => {
      const after = prediction.schedulesAfter.get('bs-1');
      expect(after?.nextBillingDate).toBe('2026-04-01');
      expect(after?.status).toBe('Processing');
      expect(
        prediction.summary.totalInvoicedAmount && formatMoney(prediction.summary.totalInvoicedAmount),
      ).toBe('546.63');
      expect(prediction.status).toBe('Completed');
    });

    it('invoices nothing new in a second run with the same target date', () => {
      const second = predictRun({ ...run, runId: 'run-2' }, prediction.schedulesAfter.values(), reference);
      expect(second.invoices).toEqual([]);
      expect(second.summary.excludedByReason.NotPendingBilling).toBe(1);
      expect(second.stages.at(-1)).toBe('Completed');
    });
  });

  describe('when a group carries a tax code without a rate', () => {
    const prediction = predictRun(
      run,
      [
        createdSchedule(workedExample()),
        createdSchedule(workedExample({ id: 'bs-2', billingAccountId: 'acct-2', taxCode: UNRATED_TAX_CODE })),
      ],
      reference,
    );

    it('fails that group alone, marks its schedule Error with an error log, and fails the run', () => {
      expect(prediction.invoices.map((invoice) => invoice.status).sort()).toEqual(['Draft', 'Error']);
      expect(prediction.schedulesAfter.get('bs-2')?.status).toBe('Error');
      expect(prediction.errorLogs).toEqual([
        expect.objectContaining({
          billingScheduleId: 'bs-2',
          errorCode: 'TAX.RATE_NOT_FOUND',
          category: 'TaxCalculation',
        }),
      ]);
      expect(prediction.summary).toMatchObject({
        totalInvoicesGenerated: 2,
        totalInvoicesFailed: 1,
        totalBillingSchedulesProcessed: 1,
        totalBillingSchedulesFailed: 1,
      });
      expect(prediction.status).toBe('Failed');
    });
  });

  describe('when schedules are on hold, not activated or not due', () => {
    it('counts each by its reason and bills none', () => {
      const prediction = predictRun(
        run,
        [
          createdSchedule(workedExample({ holdBilling: true })),
          createdSchedule(workedExample({ id: 'bs-2', activated: false })),
          createdSchedule(workedExample({ id: 'bs-3', startDate: calendarDate('2026-05-01') })),
        ],
        reference,
      );
      expect(prediction.invoices).toEqual([]);
      expect(prediction.summary.excludedByReason).toMatchObject({ OnHold: 1, NotActivated: 1, NotDue: 1 });
      expect(
        prediction.summary.totalInvoicedAmount && formatMoney(prediction.summary.totalInvoicedAmount),
      ).toBe('0.00');
    });
  });
});
