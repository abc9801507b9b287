import { beforeAll, describe, expect, it } from '@jest/globals';
import type { GroupFailedData, GroupInvoicedData, TaxRequestedData } from '@invoice-engine/contracts';
import { invoiceIdOf } from '@invoice-engine/invoicing';
import { deterministicId } from '@invoice-engine/kernel';
import {
  GenerationHarness,
  givenRun,
  givenSchedules,
  groupingKeyOfTerms,
  scheduleTerms,
  workItem,
} from '../test-support/generation.fixture';
import { useGenerationDatabase } from '../test-support/generation-database.fixture';

const opened = useGenerationDatabase('generate_group_invoice');

function harness(): GenerationHarness {
  return new GenerationHarness(opened.database.store, opened.numbers);
}

describe('generating the invoice of a group work item', () => {
  describe('when every schedule of the chunk is still due (worked example 1)', () => {
    const runId = 'run-generate-1';
    const terms = scheduleTerms({ id: 'gen1-bs-1' });

    beforeAll(async () => {
      await givenRun(opened.database.store, runId, 'Draft');
      await givenSchedules(opened.database.store, terms);
    });

    it('records the invoice with its three lines and asks for its estimated tax, keyed by grouping key', async () => {
      const h = harness();
      const generation = await h.generate.handle(workItem(runId, [terms]));

      const invoiceId = invoiceIdOf(runId, groupingKeyOfTerms(terms), 0);
      expect(generation).toMatchObject({ invoiceId, outcome: 'TaxRequested', leftOut: [] });
      const invoice = await h.invoice(invoiceId);
      expect(invoice.eventTypes).toEqual(['InvoiceDraftingStarted']);
      expect(invoice.state.status).toBe('DraftInProgress');
      const [published] = h.publisher.published;
      expect(published?.topic).toBe('tax.requests');
      expect(published?.key).toBe(groupingKeyOfTerms(terms));
      const request = h.publisher.only<TaxRequestedData>('TaxRequested');
      expect(request.messageId).toBe(deterministicId(invoiceId, 'TaxRequested', 'Estimate'));
      expect(request.data).toMatchObject({
        invoiceId,
        mode: 'Estimate',
        currency: 'USD',
        invoiceDate: '2026-03-01',
      });
      expect(request.data.lines.map((line) => line.chargeAmount)).toEqual(['109.68', '200.00', '200.00']);
    });

    it('does not redo the work when the same work item comes again: same request, same id', async () => {
      const h = harness();
      await givenRun(opened.database.store, `${runId}-again`, 'Draft');
      const item = workItem(`${runId}-again`, [terms]);
      const once = await h.generate.handle(item);
      const again = await h.generate.handle(item);

      expect([once.outcome, again.outcome]).toEqual(['TaxRequested', 'Republished']);
      const invoice = await h.invoice(again.invoiceId);
      expect(invoice.eventTypes).toEqual(['InvoiceDraftingStarted']);
      const [first, second] = h.publisher.ofType('TaxRequested');
      expect(second).toEqual(first);
    });
  });

  describe('when a schedule changed since filtering picked it', () => {
    const runId = 'run-generate-2';
    const due = scheduleTerms({ id: 'gen2-bs-1' });
    const heldSince = scheduleTerms({ id: 'gen2-bs-2', holdBilling: true });

    it('leaves it off the invoice and names why', async () => {
      await givenRun(opened.database.store, runId, 'Draft');
      await givenSchedules(opened.database.store, due, heldSince);
      const h = harness();
      const generation = await h.generate.handle(workItem(runId, [due, heldSince]));

      expect(generation.outcome).toBe('TaxRequested');
      expect(generation.leftOut).toEqual([{ billingScheduleId: 'gen2-bs-2', reason: 'OnHold' }]);
      const request = h.publisher.only<TaxRequestedData>('TaxRequested');
      expect(request.data.lines).toHaveLength(3);
    });
  });

  describe('when no schedule of the chunk is due any more', () => {
    const runId = 'run-generate-3';
    const notYetDue = scheduleTerms({ id: 'gen3-bs-1', startDate: null });

    it('reports the chunk with zero invoices and writes no invoice', async () => {
      await givenRun(opened.database.store, runId, 'Draft');
      await givenSchedules(opened.database.store, notYetDue);
      const h = harness();
      const item = workItem(runId, [notYetDue], { chunkIndex: 1, chunkCount: 2 });
      const generation = await h.generate.handle(item);

      expect(generation.outcome).toBe('NothingToInvoice');
      expect((await h.invoice(generation.invoiceId)).eventTypes).toEqual([]);
      const result = h.publisher.only<GroupInvoicedData>('GroupInvoiced');
      expect(h.publisher.published[0]?.key).toBe(runId);
      expect(result.data).toMatchObject({
        chunkIndex: 1,
        chunkCount: 2,
        invoiceIds: [],
        invoicesGenerated: 0,
        billingSchedulesProcessed: 0,
        amounts: [{ currency: 'USD', subtotal: '0.00', tax: '0.00', total: '0.00' }],
      });

      await h.generate.handle(item);
      const [first, again] = h.publisher.ofType('GroupInvoiced');
      expect(again?.messageId).toBe(first?.messageId);
    });
  });

  describe('when the group cannot make an invoice (its payment term does not exist)', () => {
    const runId = 'run-generate-4';
    const terms = scheduleTerms({ id: 'gen4-bs-1', paymentTermId: 'net-999' });

    it('fails the group: invoice and schedule in Error, GroupFailed with the cause', async () => {
      await givenRun(opened.database.store, runId, 'Draft');
      await givenSchedules(opened.database.store, terms);
      const h = harness();
      const item = workItem(runId, [terms]);
      const generation = await h.generate.handle(item);

      expect(generation.outcome).toBe('GroupFailed');
      expect((await h.invoice(generation.invoiceId)).state).toMatchObject({
        status: 'Error',
        cause: { category: 'InvoiceGeneration', code: 'INVOICE.MISSING_PAYMENT_TERM' },
      });
      expect(await h.schedule('gen4-bs-1')).toMatchObject({
        status: 'Error',
        invoiceRunProcessingStatus: 'Error',
      });
      const failed = h.publisher.only<GroupFailedData>('GroupFailed');
      expect(failed.data).toMatchObject({ invoicesFailed: 1, billingSchedulesFailed: 1 });
      expect(failed.data.errorLogs).toEqual([
        expect.objectContaining({
          category: 'InvoiceGeneration',
          code: 'INVOICE.MISSING_PAYMENT_TERM',
          billingScheduleId: 'gen4-bs-1',
        }),
      ]);

      await h.generate.handle(item);
      const [first, second] = h.publisher.ofType('GroupFailed');
      expect(second).toEqual(first);
    });
  });
});
