import { describe, expect, it } from '@jest/globals';
import type {
  GroupFailedData,
  GroupInvoicedData,
  TaxCalculatedData,
  TaxRequestedData,
} from '@invoice-engine/contracts';
import type { EventStore, StreamAppend } from '@invoice-engine/event-store';
import { formatMoney, instant } from '@invoice-engine/kernel';
import { RunRequests } from '../loading/run-requests';
import { recordingEventStore } from '../test-support/recording-event-store.fixture';
import { CompleteGroupInvoice, type TaxResultMessage } from './complete-group-invoice';
import { DEFAULT_GENERATION_SETTINGS } from './generation-settings';
import {
  GenerationHarness,
  givenRun,
  givenSchedules,
  scheduleTerms,
  workItem,
} from '../test-support/generation.fixture';
import { useGenerationDatabase } from '../test-support/generation-database.fixture';

const opened = useGenerationDatabase('complete_group_invoice');

/** Given a run and its schedules, the work item handled and its tax request answered. */
async function throughTax(
  runId: string,
  invoiceStatus: 'Draft' | 'Posted',
  ...terms: ReturnType<typeof scheduleTerms>[]
) {
  await givenRun(opened.database.store, runId, invoiceStatus);
  await givenSchedules(opened.database.store, ...terms);
  const h = new GenerationHarness(opened.database.store, opened.numbers);
  const generation = await h.generate.handle(workItem(runId, terms, { invoiceStatus }));
  await h.taxLastRequest();
  return { h, invoiceId: generation.invoiceId };
}

describe('completing a group invoice from its tax result', () => {
  describe('worked example 1 in a Draft run', () => {
    it('drafts 109.68 + 200.00 + 200.00 with tax 36.95 (total 546.63) and advances the schedule to 2026-04-01', async () => {
      const { h, invoiceId } = await throughTax(
        'run-complete-1',
        'Draft',
        scheduleTerms({ id: 'cmp1-bs-1' }),
      );
      const taxed = h.publisher.only<TaxCalculatedData>('TaxCalculated');
      expect(taxed.data.lines.map((line) => line.taxAmount)).toEqual(['7.95', '14.50', '14.50']);

      await h.completeLastResult();

      const invoice = await h.invoice(invoiceId);
      expect(invoice.eventTypes).toEqual(['InvoiceDraftingStarted', 'InvoiceDrafted']);
      if (invoice.state.status !== 'Draft') throw new Error(`expected a draft, got ${invoice.state.status}`);
      const { subtotal, taxTotal, total } = invoice.state.totals;
      expect([subtotal, taxTotal, total].map(formatMoney)).toEqual(['509.68', '36.95', '546.63']);
      expect(invoice.state.invoice.dueDate).toBe('2026-03-31');
      expect(await h.schedule('cmp1-bs-1')).toMatchObject({
        status: 'Processing',
        invoiceRunProcessingStatus: 'InProgress',
        nextChargeFromDate: '2026-04-01',
        nextBillingDate: '2026-04-01',
        billedThroughDate: '2026-03-31',
      });
      const result = h.publisher.only<GroupInvoicedData>('GroupInvoiced');
      expect(h.publisher.published.at(-1)).toMatchObject({
        topic: 'invoice-batch.group-results',
        key: 'run-complete-1',
      });
      expect(result.data).toMatchObject({
        invoiceIds: [invoiceId],
        invoiceStatus: 'Draft',
        billingSchedulesProcessed: 1,
        invoicesGenerated: 1,
        amounts: [{ currency: 'USD', subtotal: '509.68', tax: '36.95', total: '546.63' }],
      });
    });

    it('handles the same tax result twice without a second draft, re-publishing the same GroupInvoiced', async () => {
      const { h, invoiceId } = await throughTax(
        'run-complete-2',
        'Draft',
        scheduleTerms({ id: 'cmp2-bs-1' }),
      );
      await h.completeLastResult();
      const taxResult = h.publisher.only<TaxCalculatedData>('TaxCalculated');
      const again = await h.complete.handle(taxResult as Parameters<typeof h.complete.handle>[0]);

      expect(again.outcome).toBe('Republished');
      expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted', 'InvoiceDrafted']);
      const schedule = await opened.database.store.readStream('billingSchedule-cmp2-bs-1');
      expect(schedule.map((event) => event.type)).toEqual([
        'BillingScheduleCreated',
        'BillingScheduleInvoiced',
      ]);
      const [first, second] = h.publisher.ofType('GroupInvoiced');
      expect(second).toEqual(first);
    });

    it('re-publishes the GroupInvoiced when the work item itself comes again afterwards', async () => {
      await givenRun(opened.database.store, 'run-complete-3', 'Draft');
      const terms = scheduleTerms({ id: 'cmp3-bs-1' });
      await givenSchedules(opened.database.store, terms);
      const h = new GenerationHarness(opened.database.store, opened.numbers);
      const item = workItem('run-complete-3', [terms]);
      await h.generate.handle(item);
      await h.taxLastRequest();
      await h.completeLastResult();
      await h.generate.handle(item);

      const [first, second] = h.publisher.ofType('GroupInvoiced');
      expect(second).toEqual(first);
      expect(h.publisher.ofType('TaxRequested')).toHaveLength(1);
    });
  });

  describe('in a Posted run', () => {
    it('drafts, asks for committed tax, then posts with a number and settles the schedule', async () => {
      const { h, invoiceId } = await throughTax(
        'run-complete-4',
        'Posted',
        scheduleTerms({ id: 'cmp4-bs-1', legalEntityId: 'le-posted-4' }),
      );
      await h.completeLastResult();

      expect((await h.invoice(invoiceId)).state.status).toBe('PostingInProgress');
      expect(await h.schedule('cmp4-bs-1')).toMatchObject({ status: 'Processing' });
      const modes = h.publisher.ofType<TaxRequestedData>('TaxRequested').map((request) => request.data.mode);
      expect(modes).toEqual(['Estimate', 'CalculateAndCommit']);

      await h.taxLastRequest();
      await h.completeLastResult();

      const invoice = await h.invoice(invoiceId);
      expect(invoice.eventTypes).toEqual([
        'InvoiceDraftingStarted',
        'InvoiceDrafted',
        'InvoicePostingStarted',
        'InvoicePosted',
      ]);
      expect(invoice.state).toMatchObject({
        status: 'Posted',
        invoiceNumber: '00000001',
        postedDate: '2026-03-01',
      });
      expect(await h.schedule('cmp4-bs-1')).toMatchObject({
        status: 'ReadyForInvoicing',
        invoiceRunProcessingStatus: 'PendingBilling',
        nextBillingDate: '2026-04-01',
      });
      const result = h.publisher.only<GroupInvoicedData>('GroupInvoiced');
      expect(result.data).toMatchObject({ invoiceStatus: 'Posted', amounts: [{ total: '546.63' }] });

      await h.completeLastResult();
      expect((await h.invoice(invoiceId)).state).toMatchObject({ invoiceNumber: '00000001' });
    });
  });

  describe('when the tax engine has no rate for the bill-to country', () => {
    it('fails the group: invoice Error, schedules Error, GroupFailed with a TaxCalculation error log each', async () => {
      const abroad = { billToAddress: { country: 'FR', region: null } };
      const { h, invoiceId } = await throughTax(
        'run-complete-5',
        'Draft',
        scheduleTerms({ id: 'cmp5-bs-1', ...abroad }),
        scheduleTerms({ id: 'cmp5-bs-2', ...abroad }),
      );
      expect(h.publisher.ofType('TaxCalculationFailed')).toHaveLength(1);

      await h.completeLastResult();
      await h.completeLastResult();

      expect((await h.invoice(invoiceId)).state).toMatchObject({
        status: 'Error',
        cause: { category: 'TaxCalculation', code: 'TAX.RATE_NOT_FOUND' },
      });
      for (const id of ['cmp5-bs-1', 'cmp5-bs-2']) {
        expect(await h.schedule(id)).toMatchObject({
          status: 'Error',
          failure: { runId: 'run-complete-5', errorCode: 'TAX.RATE_NOT_FOUND' },
        });
      }
      const [failed, repeated] = h.publisher.ofType<GroupFailedData>('GroupFailed');
      expect(repeated).toEqual(failed);
      expect(failed?.data).toMatchObject({
        invoicesFailed: 1,
        billingSchedulesFailed: 2,
        billingSchedulesProcessed: 0,
      });
      expect(failed?.data.errorLogs.map((log) => [log.category, log.code, log.billingScheduleId])).toEqual([
        ['TaxCalculation', 'TAX.RATE_NOT_FOUND', 'cmp5-bs-1'],
        ['TaxCalculation', 'TAX.RATE_NOT_FOUND', 'cmp5-bs-2'],
      ]);
    });
  });

  describe("when a schedule's stream moves between loading it and appending", () => {
    it('reloads, decides again and appends after the other writer', async () => {
      const { h, invoiceId } = await throughTax(
        'run-complete-6',
        'Draft',
        scheduleTerms({ id: 'cmp6-bs-1' }),
      );
      const interfering = new GenerationHarness(
        interferingOnce(opened.database.store, 'billingSchedule-cmp6-bs-1'),
        opened.numbers,
      );
      interfering.publisher.published.push(...h.publisher.published);

      const completion = await interfering.completeLastResultAndReturn();

      expect(completion.outcome).toBe('Draft');
      expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted', 'InvoiceDrafted']);
      const schedule = await opened.database.store.readStream('billingSchedule-cmp6-bs-1');
      expect(schedule.map((event) => event.type)).toEqual([
        'BillingScheduleCreated',
        'BillingScheduleHeld',
        'BillingScheduleInvoiced',
      ]);
    });
  });
});

describe('the schedules a work item loaded, kept for its tax result', () => {
  it('completes without reading the schedules again, then forgets them', async () => {
    const { h, invoiceId } = await throughTax(
      'run-complete-7',
      'Draft',
      scheduleTerms({ id: 'cmp7-bs-1' }),
      scheduleTerms({ id: 'cmp7-bs-2' }),
    );
    expect(h.recentSchedules.size).toBe(2);
    const { store, calls } = recordingEventStore(opened.database.store, ['readStreams', 'appendMany']);
    const complete = new CompleteGroupInvoice(
      store,
      h.publisher,
      h.clock,
      opened.numbers,
      new RunRequests(store),
      DEFAULT_GENERATION_SETTINGS,
      h.recentSchedules,
    );
    const [result] = h.publisher.published.filter((message) => message.topic === 'tax.results');

    const completion = await complete.handle(result?.envelope as TaxResultMessage);

    expect(completion.outcome).toBe('Draft');
    // The invoice stream only; the schedules came from the work item.
    expect(calls).toEqual(['readStreams', 'appendMany']);
    expect(h.recentSchedules.size).toBe(0);
    expect((await h.schedule('cmp7-bs-1')).status).toBe('Processing');
    expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted', 'InvoiceDrafted']);
  });

  it('decides again on the stream as it is when another writer changed a kept schedule', async () => {
    const { h, invoiceId } = await throughTax('run-complete-8', 'Draft', scheduleTerms({ id: 'cmp8-bs-1' }));
    await opened.database.store.append(
      'billingSchedule-cmp8-bs-1',
      [holdBy('other-writer', 'cmp8-bs-1')],
      'any',
    );

    const completion = await h.completeLastResultAndReturn();

    expect(completion.outcome).toBe('Draft');
    expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted', 'InvoiceDrafted']);
    const schedule = await opened.database.store.readStream('billingSchedule-cmp8-bs-1');
    expect(schedule.map((event) => event.type)).toEqual([
      'BillingScheduleCreated',
      'BillingScheduleHeld',
      'BillingScheduleInvoiced',
    ]);
    expect(h.recentSchedules.size).toBe(0);
  });
});

function holdBy(writer: string, billingScheduleId: string) {
  return {
    messageId: crypto.randomUUID(),
    type: 'BillingScheduleHeld',
    schemaVersion: 1,
    data: { billingScheduleId },
    metadata: {
      correlationId: writer,
      causationId: writer,
      groupingKey: null,
      runId: null,
      occurredAt: instant('2026-03-01T06:00:04.000Z'),
      producer: 'test',
    },
  };
}

/** A store where another writer puts a hold on `stream` just before the first `appendMany` that touches it. */
function interferingOnce(store: EventStore, stream: string): EventStore {
  let interfered = false;
  return Object.assign(Object.create(store) as EventStore, {
    async appendMany(appends: readonly StreamAppend[]) {
      if (!interfered && appends.some((append) => append.stream === stream)) {
        interfered = true;
        await store.append(stream, [holdBy('other-writer', stream.slice('billingSchedule-'.length))], 'any');
      }
      return store.appendMany(appends);
    },
  });
}
