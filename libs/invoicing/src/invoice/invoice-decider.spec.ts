import { parseMoney } from '@invoice-engine/kernel';
import {
  decideAfter,
  errorCodeOf,
  historyOf,
  lifeOf,
  workedExampleInvoice,
  failureCause,
  usd,
} from './invoice-fixtures';

const invoice = workedExampleInvoice();
const life = lifeOf(invoice);
const inProgress = historyOf([life.start]);
const drafted = historyOf([life.start, life.draft]);
const posting = historyOf([life.start, life.draft, life.startPosting]);
const posted = historyOf([life.start, life.draft, life.startPosting, life.post]);
const failed = historyOf([life.start, life.fail]);
const canceled = historyOf([life.start, life.draft, life.cancel]);

describe('the invoice decider', () => {
  describe('when nothing was recorded yet (Pending)', () => {
    it('records the assembled invoice and starts drafting', () => {
      expect(decideAfter([], life.start)).toEqual([{ type: 'InvoiceDraftingStarted', data: invoice }]);
    });

    it('refuses an invoice without lines or with a subtotal that is not the sum of its lines', () => {
      const empty = { ...invoice, lines: [] };
      expect(errorCodeOf(() => decideAfter([], { type: 'StartInvoiceGeneration', invoice: empty }))).toBe(
        'INVOICE.INVALID_CONTENT',
      );
      const wrong = { ...invoice, subtotal: parseMoney('1.00', usd) };
      expect(errorCodeOf(() => decideAfter([], { type: 'StartInvoiceGeneration', invoice: wrong }))).toBe(
        'INVOICE.INVALID_CONTENT',
      );
    });

    it('fails with the group named by the command (the group failed before assembly)', () => {
      const command = { ...life.fail, billingScheduleIds: ['BS-2', 'BS-1', 'BS-2'] };
      expect(decideAfter([], command)).toEqual([
        {
          type: 'InvoiceGenerationFailed',
          data: {
            invoiceId: invoice.invoiceId,
            runId: 'run-1',
            groupingKey: invoice.groupingKey,
            failedFrom: 'Pending',
            cause: failureCause,
            billingScheduleIds: ['BS-1', 'BS-2'],
          },
        },
      ]);
    });

    it.each([['draft'], ['startPosting'], ['post'], ['cancel']] as const)(
      'cannot %s an invoice never recorded',
      (name) => {
        expect(errorCodeOf(() => decideAfter([], life[name]))).toBe('INVOICE.NOT_FOUND');
      },
    );
  });

  describe('when drafting is in progress', () => {
    it('records estimated taxes and totals: the invoice is a Draft', () => {
      const [event] = decideAfter(inProgress, life.draft);
      expect(event?.type).toBe('InvoiceDrafted');
      expect(event?.data).toMatchObject({
        invoiceId: invoice.invoiceId,
        runId: 'run-1',
        subtotal: parseMoney('509.68', usd),
        taxTotal: parseMoney('36.95', usd),
        total: parseMoney('546.63', usd),
      });
    });

    it('refuses posted taxes for a draft, or taxes that miss a line', () => {
      expect(
        errorCodeOf(() => decideAfter(inProgress, { ...life.draft, lineTaxes: life.post.lineTaxes })),
      ).toBe('INVOICE.TAX_LINES_MISMATCH');
      expect(
        errorCodeOf(() =>
          decideAfter(inProgress, { ...life.draft, lineTaxes: life.draft.lineTaxes.slice(1) }),
        ),
      ).toBe('INVOICE.TAX_LINES_MISMATCH');
    });

    it('cannot start posting before the draft is recorded', () => {
      expect(errorCodeOf(() => decideAfter(inProgress, life.startPosting))).toBe('INVOICE.NOT_DRAFTED');
      expect(errorCodeOf(() => decideAfter(inProgress, life.post))).toBe('INVOICE.POSTING_NOT_STARTED');
    });

    it('fails naming the schedules on the invoice', () => {
      expect(decideAfter(inProgress, { ...life.fail, billingScheduleIds: [] })).toMatchObject([
        {
          type: 'InvoiceGenerationFailed',
          data: { failedFrom: 'DraftInProgress', billingScheduleIds: ['BS-1'] },
        },
      ]);
    });

    it('is canceled by recovery, releasing its periods', () => {
      expect(decideAfter(inProgress, life.cancel)).toEqual([
        {
          type: 'InvoiceCanceled',
          data: {
            invoiceId: invoice.invoiceId,
            runId: 'run-1',
            canceledFrom: 'DraftInProgress',
            reason: 'Recovery run run-2',
            releasedPeriods: [
              { billingScheduleId: 'BS-1', periodStart: '2026-01-15', periodEnd: '2026-01-31' },
              { billingScheduleId: 'BS-1', periodStart: '2026-02-01', periodEnd: '2026-02-28' },
              { billingScheduleId: 'BS-1', periodStart: '2026-03-01', periodEnd: '2026-03-31' },
            ],
          },
        },
      ]);
    });
  });

  describe('when the invoice is a Draft', () => {
    it('starts posting', () => {
      expect(decideAfter(drafted, life.startPosting)).toEqual([
        { type: 'InvoicePostingStarted', data: { invoiceId: invoice.invoiceId, runId: 'run-1' } },
      ]);
    });

    it('cannot be posted before posting started', () => {
      expect(errorCodeOf(() => decideAfter(drafted, life.post))).toBe('INVOICE.POSTING_NOT_STARTED');
    });

    it('can be canceled (its periods can be billed again) or fail', () => {
      expect(decideAfter(drafted, life.cancel)).toMatchObject([{ data: { canceledFrom: 'Draft' } }]);
      expect(decideAfter(drafted, life.fail)).toMatchObject([{ data: { failedFrom: 'Draft' } }]);
    });
  });

  describe('when posting is in progress', () => {
    it('records actual taxes and the number: the invoice is Posted', () => {
      const [event] = decideAfter(posting, life.post);
      expect(event?.type).toBe('InvoicePosted');
      expect(event?.data).toMatchObject({
        invoiceNumber: 'INV-000042',
        postedDate: '2026-03-02',
        taxTotal: parseMoney('36.95', usd),
        total: parseMoney('546.63', usd),
      });
      expect(event?.type === 'InvoicePosted' && event.data.lines.map((line) => line.taxStatus)).toEqual([
        'Posted',
        'Posted',
        'Posted',
      ]);
    });

    it('refuses a blank number and estimated taxes', () => {
      expect(errorCodeOf(() => decideAfter(posting, { ...life.post, invoiceNumber: ' ' }))).toBe(
        'INVOICE.INVALID_NUMBER',
      );
      expect(errorCodeOf(() => decideAfter(posting, { ...life.post, lineTaxes: life.draft.lineTaxes }))).toBe(
        'INVOICE.TAX_LINES_MISMATCH',
      );
    });

    it('can be canceled by recovery or fail', () => {
      expect(decideAfter(posting, life.cancel)).toMatchObject([
        { data: { canceledFrom: 'PostingInProgress' } },
      ]);
      expect(decideAfter(posting, life.fail)).toMatchObject([{ data: { failedFrom: 'PostingInProgress' } }]);
    });
  });

  describe('when the invoice is Posted', () => {
    it.each([['cancel'], ['fail']] as const)('refuses to %s it', (name) => {
      expect(errorCodeOf(() => decideAfter(posted, life[name]))).toBe('INVOICE.ALREADY_POSTED');
    });

    it('refuses to post it again under another number', () => {
      expect(errorCodeOf(() => decideAfter(posted, { ...life.post, invoiceNumber: 'INV-000043' }))).toBe(
        'INVOICE.ALREADY_POSTED',
      );
    });
  });

  describe('when the invoice is in Error', () => {
    it('keeps the cause and can be canceled by recovery', () => {
      expect(decideAfter(failed, life.cancel)).toMatchObject([
        { type: 'InvoiceCanceled', data: { canceledFrom: 'Error', releasedPeriods: { length: 3 } } },
      ]);
    });

    it('releases no period when it failed before its lines were recorded', () => {
      expect(decideAfter(historyOf([life.fail]), life.cancel)).toMatchObject([
        { data: { releasedPeriods: [] } },
      ]);
    });

    it('ignores a late estimate and a redelivered start: a retry never revives it', () => {
      expect(decideAfter(failed, life.draft)).toEqual([]);
      expect(decideAfter(failed, life.start)).toEqual([]);
      expect(decideAfter(historyOf([life.fail]), life.start)).toEqual([]);
    });

    it('cannot be posted', () => {
      expect(errorCodeOf(() => decideAfter(failed, life.startPosting))).toBe('INVOICE.IN_ERROR');
      expect(errorCodeOf(() => decideAfter(failed, life.post))).toBe('INVOICE.IN_ERROR');
    });
  });

  describe('when the invoice is Canceled', () => {
    it.each([['startPosting'], ['post'], ['fail']] as const)('refuses to %s it', (name) => {
      expect(errorCodeOf(() => decideAfter(canceled, life[name]))).toBe('INVOICE.CANCELED');
    });

    it('ignores a redelivered start and a late estimate', () => {
      expect(decideAfter(canceled, life.start)).toEqual([]);
      expect(decideAfter(canceled, life.draft)).toEqual([]);
    });
  });

  describe('when a command names another invoice than the stream holds', () => {
    it('refuses it rather than act on the wrong invoice', () => {
      expect(errorCodeOf(() => decideAfter(drafted, { ...life.cancel, invoiceId: 'another' }))).toBe(
        'INVOICE.ID_MISMATCH',
      );
    });
  });
});
