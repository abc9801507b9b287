import { describe, expect, it } from '@jest/globals';
import type { TaxRequestedData } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import { invoiceIdOf } from '@invoice-engine/invoicing';
import { deterministicId } from '@invoice-engine/kernel';
import { PermanentError } from '@invoice-engine/messaging';
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

const opened = useGenerationDatabase('generate_together');

const countingStore = (store: EventStore) =>
  recordingEventStore(store, ['readStream', 'readStreams', 'appendMany']);

/** Three groups (three billing accounts) of one run, each its own work item. */
async function givenThreeGroups(runId: string, prefix: string) {
  await givenRun(opened.database.store, runId, 'Draft');
  const groups = ['acct-1', 'acct-2', 'acct-3'].map((billingAccountId, index) =>
    scheduleTerms({ id: `${prefix}-bs-${index}`, billingAccountId }),
  );
  await givenSchedules(opened.database.store, ...groups);
  return groups.map((terms) => ({ terms, item: workItem(runId, [terms]) }));
}

describe('generating the invoices of several work items together (a partition batch)', () => {
  describe('when every item is new', () => {
    it('records each invoice and asks for each estimate with one read and one append for all', async () => {
      const runId = 'run-together-1';
      const groups = await givenThreeGroups(runId, 'tog1');
      const { store, calls } = countingStore(opened.database.store);
      const h = new GenerationHarness(store, opened.numbers);

      const generations = await h.generate.handleMany(groups.map(({ item }) => item));

      const invoiceIds = groups.map(({ terms }) => invoiceIdOf(runId, groupingKeyOfTerms(terms), 0));
      expect(generations.map(({ invoiceId, outcome }) => [invoiceId, outcome])).toEqual(
        invoiceIds.map((invoiceId) => [invoiceId, 'TaxRequested']),
      );
      expect(calls.filter((call) => call !== 'readStream')).toEqual(['readStreams', 'appendMany']);
      for (const invoiceId of invoiceIds) {
        expect((await h.invoice(invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted']);
      }
      const requests = h.publisher.published.filter((message) => message.topic === 'tax.requests');
      expect(requests.map(({ key, envelope }) => [key, envelope.messageId])).toEqual(
        groups.map(({ terms }, index) => [
          groupingKeyOfTerms(terms),
          deterministicId(invoiceIds[index] ?? '', 'TaxRequested', 'Estimate'),
        ]),
      );
    });
  });

  describe('when one item of the batch was handled before', () => {
    it('re-publishes its request and records the others, as one by one would', async () => {
      const runId = 'run-together-2';
      const groups = await givenThreeGroups(runId, 'tog2');
      const [first] = groups;
      const h = new GenerationHarness(opened.database.store, opened.numbers);
      const once = await h.generate.handle(first!.item);
      const [firstRequest] = h.publisher.ofType<TaxRequestedData>('TaxRequested');
      h.publisher.clear();

      const generations = await h.generate.handleMany(groups.map(({ item }) => item));

      expect(generations.map((generation) => generation.outcome)).toEqual([
        'Republished',
        'TaxRequested',
        'TaxRequested',
      ]);
      expect(generations[0]?.invoiceId).toBe(once.invoiceId);
      expect((await h.invoice(once.invoiceId)).eventTypes).toEqual(['InvoiceDraftingStarted']);
      expect(h.publisher.ofType('TaxRequested')[0]).toEqual(firstRequest);
    });
  });

  describe('when one item of the batch cannot succeed', () => {
    it('records nothing for any of them, so that the items can be handled one by one', async () => {
      const runId = 'run-together-3';
      const groups = await givenThreeGroups(runId, 'tog3');
      const [unknownRun] = await givenThreeGroups('run-together-3-other', 'tog3x');
      const orphan = workItem('run-together-3-never-requested', [unknownRun!.terms]);
      const h = new GenerationHarness(opened.database.store, opened.numbers);

      await expect(h.generate.handleMany([...groups.map(({ item }) => item), orphan])).rejects.toBeInstanceOf(
        PermanentError,
      );

      for (const { terms } of groups) {
        expect((await h.invoice(invoiceIdOf(runId, groupingKeyOfTerms(terms), 0))).eventTypes).toEqual([]);
      }
      expect(h.publisher.published).toEqual([]);
      const one = await h.generate.handle(groups[0]!.item);
      expect(one.outcome).toBe('TaxRequested');
    });
  });
});
