import { describe, expect, it } from '@jest/globals';
import type { TaxRequestedData } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import { invoiceIdOf } from '@invoice-engine/invoicing';
import type { TaxRequestedMessage } from '../tax/calculate-tax';
import {
  GenerationHarness,
  givenRun,
  givenSchedules,
  groupingKeyOfTerms,
  scheduleTerms,
  workItem,
} from '../test-support/generation.fixture';
import { useGenerationDatabase } from '../test-support/generation-database.fixture';
import { recordingEventStore } from '../test-support/recording-event-store.fixture';
import type { TaxResultMessage } from './complete-group-invoice';

const opened = useGenerationDatabase('complete_together');

const countingStore = (store: EventStore) => recordingEventStore(store, ['readStreams', 'appendMany']);

/**
 * Three groups (three billing accounts) of a Draft run, each with its invoice recorded and its tax
 * estimated: the tax results are what step 2 receives.
 */
async function givenThreeEstimates(runId: string, prefix: string, h: GenerationHarness) {
  await givenRun(opened.database.store, runId, 'Draft');
  const groups = ['acct-1', 'acct-2', 'acct-3'].map((billingAccountId, index) =>
    scheduleTerms({ id: `${prefix}-bs-${index}`, billingAccountId }),
  );
  await givenSchedules(opened.database.store, ...groups);
  await h.generate.handleMany(groups.map((terms) => workItem(runId, [terms])));
  for (const request of h.publisher.ofType<TaxRequestedData>('TaxRequested')) {
    await h.tax.handle(request as TaxRequestedMessage);
  }
  const results = h.publisher.ofType('TaxCalculated') as TaxResultMessage[];
  h.publisher.clear();
  return {
    results,
    invoiceIds: groups.map((terms) => invoiceIdOf(runId, groupingKeyOfTerms(terms), 0)),
    scheduleIds: groups.map((terms) => terms.id),
  };
}

describe('completing the invoices of several tax results together (a partition batch)', () => {
  describe('when every invoice waits for its estimate', () => {
    it.each([
      {
        kept: true,
        reads: ['readStreams', 'appendMany'],
        how: 'one read (the invoices: the work items kept the schedules)',
      },
      {
        kept: false,
        reads: ['readStreams', 'readStreams', 'appendMany'],
        how: 'two reads (invoices, then schedules) when the schedules were not kept',
      },
    ])(
      'drafts each invoice and invoices its schedules with $how and one append for all',
      async ({ kept, reads }) => {
        const { store, calls } = countingStore(opened.database.store);
        const h = new GenerationHarness(store, opened.numbers);
        const prefix = kept ? 'ctg1' : 'ctg1b';
        const { results, invoiceIds, scheduleIds } = await givenThreeEstimates(
          `run-complete-${prefix}`,
          prefix,
          h,
        );
        if (!kept) h.recentSchedules.forget(scheduleIds);
        calls.length = 0;

        const completions = await h.complete.handleMany(results);

        expect(completions.map(({ invoiceId, outcome }) => [invoiceId, outcome])).toEqual(
          invoiceIds.map((invoiceId) => [invoiceId, 'Draft']),
        );
        expect(calls).toEqual(reads);
        for (const invoiceId of invoiceIds) {
          expect((await h.invoice(invoiceId)).eventTypes).toEqual([
            'InvoiceDraftingStarted',
            'InvoiceDrafted',
          ]);
        }
        for (const scheduleId of scheduleIds) {
          expect(await h.schedule(scheduleId)).toMatchObject({
            status: 'Processing',
            invoiceRunProcessingStatus: 'InProgress',
            nextChargeFromDate: '2026-04-01',
          });
        }
        const invoiced = h.publisher.ofType<{ invoiceIds: string[] }>('GroupInvoiced');
        expect(invoiced.map((message) => message.data.invoiceIds)).toEqual(
          invoiceIds.map((invoiceId) => [invoiceId]),
        );
      },
    );
  });

  describe('when one result was handled before', () => {
    it('re-publishes its group result and completes the others, as one by one would', async () => {
      const h = new GenerationHarness(opened.database.store, opened.numbers);
      const { results, invoiceIds } = await givenThreeEstimates('run-complete-2', 'ctg2', h);
      await h.complete.handle(results[0]!);
      const [firstResult] = h.publisher.ofType('GroupInvoiced');
      h.publisher.clear();

      const completions = await h.complete.handleMany(results);

      expect(completions.map((completion) => completion.outcome)).toEqual(['Republished', 'Draft', 'Draft']);
      expect((await h.invoice(invoiceIds[0]!)).eventTypes).toEqual([
        'InvoiceDraftingStarted',
        'InvoiceDrafted',
      ]);
      expect(h.publisher.ofType('GroupInvoiced')[0]).toEqual(firstResult);
    });
  });

  describe('when the batch holds the same result twice', () => {
    it('records nothing, and one by one the second is a re-publication', async () => {
      const h = new GenerationHarness(opened.database.store, opened.numbers);
      const { results, invoiceIds } = await givenThreeEstimates('run-complete-3', 'ctg3', h);
      const [first] = results;

      await expect(h.complete.handleMany([first!, ...results])).rejects.toThrow();

      for (const invoiceId of invoiceIds) {
        expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted']);
      }
      expect(h.publisher.published).toEqual([]);
      const once = await h.complete.handle(first!);
      const again = await h.complete.handle(first!);
      expect([once.outcome, again.outcome]).toEqual(['Draft', 'Republished']);
    });
  });
});
