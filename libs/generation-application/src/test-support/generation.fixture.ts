import {
  billingScheduleDecider,
  type BillingScheduleDeciderState,
  workedExampleTerms,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import type { GroupWorkItemData, TaxCalculatedData, TaxRequestedData } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { InvoiceBatchRunRequest } from '@invoice-engine/invoice-batch-runs';
import { groupingKeyOf, type InvoiceState } from '@invoice-engine/invoicing';
import {
  calendarDate,
  currencyCode,
  instant,
  StreamCategory,
  streamName,
  type EventEnvelope,
  type EventMetadata,
} from '@invoice-engine/kernel';
import { SettableClock } from '@invoice-engine/runtime';
import { RateTableTaxEngine, type TaxEngine } from '@invoice-engine/tax';
import { randomUUID } from 'node:crypto';
import {
  CompleteGroupInvoice,
  type GroupInvoiceCompletion,
  type TaxResultMessage,
} from '../generation/complete-group-invoice';
import { GenerateGroupInvoice, type GroupWorkItemMessage } from '../generation/generate-group-invoice';
import { DEFAULT_GENERATION_SETTINGS } from '../generation/generation-settings';
import { loadBillingSchedules } from '../loading/billing-schedule-streams';
import { loadInvoice } from '../loading/invoice-stream';
import { RecentBillingSchedules } from '../loading/recent-billing-schedules';
import { RunRequests } from '../loading/run-requests';
import type { InvoiceNumberAllocator } from '../ports/invoice-number-allocator';
import { ListedPaymentTerms } from '../ports/payment-term-catalog';
import { CalculateTax, type TaxRequestedMessage } from '../tax/calculate-tax';
import { RecordingPublisher } from './recording-publisher.fixture';

/**
 * The schedule of DOMAIN.md's worked examples (USD 100.00 per month × 2, monthly, Advance, A = 1, from
 * 2026-01-15), with the tax code `californiaRates` has a rate for.
 */
export function scheduleTerms(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
  return workedExampleTerms({
    legalEntityId: 'le-us',
    taxEngineId: 'builtin',
    taxCode: 'SW-STD',
    ...overrides,
  });
}

/** The worked examples' rate: 7.25 % for SW-STD in California (none elsewhere, so FR fails). */
export function californiaRates(): TaxEngine {
  return new RateTableTaxEngine([
    {
      taxCode: 'SW-STD',
      country: 'US',
      region: 'CA',
      rate: '0.0725',
      effectiveFrom: calendarDate('2020-01-01'),
    },
  ]);
}

export const paymentTerms = [{ id: 'net-30', dueDays: 30 }];

function setupMetadata(): EventMetadata {
  return {
    correlationId: 'setup',
    causationId: 'setup',
    groupingKey: null,
    runId: null,
    occurredAt: instant('2026-01-10T09:00:00.000Z'),
    producer: 'test',
  };
}

/** Given: billing schedules created through their decider, each on its own stream. */
export async function givenSchedules(
  store: EventStore,
  ...terms: readonly BillingScheduleTerms[]
): Promise<void> {
  for (const scheduleTerms of terms) {
    const events = billingScheduleDecider.decide(
      { type: 'CreateBillingSchedule', terms: scheduleTerms },
      billingScheduleDecider.initialState(),
    );
    const envelopes = events.map((event) => ({
      ...event,
      messageId: randomUUID(),
      schemaVersion: 1,
      metadata: setupMetadata(),
    }));
    await store.append(streamName(StreamCategory.BillingSchedule, scheduleTerms.id), envelopes, 'no-stream');
  }
}

/** Given: the run requested (only its request matters to invoice generation). */
export async function givenRun(
  store: EventStore,
  runId: string,
  invoiceStatus: 'Draft' | 'Posted',
): Promise<void> {
  const request: InvoiceBatchRunRequest = {
    runId,
    criteria: {
      currencies: null,
      billingBatches: null,
      legalEntityIds: null,
      billingAccountIds: null,
      chargeTypes: null,
    },
    targetDate: calendarDate('2026-03-01'),
    invoiceDate: calendarDate('2026-03-01'),
    invoiceStatus,
    billingPeriodCount: null,
    defaultCurrency: currencyCode('USD'),
    requestedAt: instant('2026-03-01T06:00:00.000Z'),
    trigger: { type: 'AdHoc', requestedBy: 'test' },
  };
  const event = {
    type: 'InvoiceBatchRunRequested',
    data: request,
    messageId: randomUUID(),
    schemaVersion: 1,
    metadata: setupMetadata(),
  };
  await store.append(streamName(StreamCategory.InvoiceBatchRun, runId), [event], 'no-stream');
}

export function groupingKeyOfTerms(terms: BillingScheduleTerms): string {
  return groupingKeyOf({ ...terms, billingScheduleId: terms.id });
}

/** A `GroupWorkItem` as filtering publishes it (target and invoice date 2026-03-01). */
export function workItem(
  runId: string,
  terms: readonly BillingScheduleTerms[],
  overrides: Partial<GroupWorkItemData> = {},
): GroupWorkItemMessage {
  const first = terms[0];
  if (first === undefined) throw new Error('a work item needs schedules');
  const data: GroupWorkItemData = {
    runId,
    groupingKey: groupingKeyOfTerms(first),
    chunkIndex: 0,
    chunkCount: 1,
    invoiceStatus: 'Draft',
    targetDate: '2026-03-01',
    invoiceDate: '2026-03-01',
    billingPeriodCount: null,
    billingScheduleIds: terms.map((schedule) => schedule.id).sort(),
    ...overrides,
  };
  return {
    messageId: randomUUID(),
    type: 'GroupWorkItem',
    schemaVersion: 1,
    data,
    metadata: {
      ...setupMetadata(),
      correlationId: runId,
      runId,
      groupingKey: data.groupingKey,
      producer: 'filtering',
    },
  };
}

/** The three handlers over one store and one recording publisher, as the services wire them. */
export class GenerationHarness {
  readonly publisher = new RecordingPublisher();
  readonly clock = new SettableClock(instant('2026-03-01T06:00:05.000Z'));
  readonly generate: GenerateGroupInvoice;
  readonly complete: CompleteGroupInvoice;
  readonly tax: CalculateTax;
  /** Shared by the two steps, as the service wires them. */
  readonly recentSchedules = new RecentBillingSchedules();

  constructor(
    readonly store: EventStore,
    invoiceNumbers: InvoiceNumberAllocator,
    taxEngine: TaxEngine = californiaRates(),
  ) {
    const runs = new RunRequests(store);
    const terms = new ListedPaymentTerms(paymentTerms);
    this.generate = new GenerateGroupInvoice(
      store,
      this.publisher,
      this.clock,
      terms,
      runs,
      DEFAULT_GENERATION_SETTINGS,
      this.recentSchedules,
    );
    this.complete = new CompleteGroupInvoice(
      store,
      this.publisher,
      this.clock,
      invoiceNumbers,
      runs,
      DEFAULT_GENERATION_SETTINGS,
      this.recentSchedules,
    );
    this.tax = new CalculateTax(taxEngine, this.publisher, this.clock);
  }

  /** Hands the last published tax request to the tax service. */
  async taxLastRequest(): Promise<void> {
    const requests = this.publisher.ofType<TaxRequestedData>('TaxRequested');
    const last = requests.at(-1);
    if (last === undefined) throw new Error('no TaxRequested was published');
    await this.tax.handle(last as TaxRequestedMessage);
  }

  /** Hands the last published tax result to completion. */
  async completeLastResult(): Promise<void> {
    await this.completeLastResultAndReturn();
  }

  completeLastResultAndReturn(): Promise<GroupInvoiceCompletion> {
    const results = this.publisher.published.filter((message) => message.topic === 'tax.results');
    const last = results.at(-1)?.envelope as EventEnvelope<string, TaxCalculatedData> | undefined;
    if (last === undefined) throw new Error('no tax result was published');
    return this.complete.handle(last as TaxResultMessage);
  }

  async invoice(invoiceId: string): Promise<{ state: InvoiceState; eventTypes: string[] }> {
    const loaded = await loadInvoice(this.store, invoiceId);
    return { state: loaded.state, eventTypes: loaded.events.map((event) => event.type) };
  }

  async schedule(billingScheduleId: string): Promise<BillingScheduleDeciderState> {
    const [loaded] = await loadBillingSchedules(this.store, [billingScheduleId]);
    if (loaded === undefined) throw new Error('no schedule');
    return loaded.state;
  }
}
