import type { GroupWorkItemData } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import {
  invoiceDecider,
  invoiceIdOf,
  type AssembledInvoice,
  type PaymentTerm,
} from '@invoice-engine/invoicing';
import { calendarDate, DomainError, type EventEnvelope } from '@invoice-engine/kernel';
import { PermanentError } from '@invoice-engine/messaging';
import type { Clock, MessagePublisher } from '@invoice-engine/runtime';
import {
  billingSchedulesOf,
  billingScheduleStream,
  type LoadedBillingSchedule,
} from '../loading/billing-schedule-streams';
import { invoiceOf, invoiceStream, type LoadedInvoice } from '../loading/invoice-stream';
import type { RunRequests } from '../loading/run-requests';
import { nothingInvoicedMessage, type WorkItemChunk } from '../outbound/group-result-messages';
import { messagesOfInvoiceStream } from '../outbound/invoice-stream-messages';
import { publishAll, type OutgoingMessage } from '../outbound/outgoing-message';
import type { PaymentTermCatalog } from '../ports/payment-term-catalog';
import { metadataOf, type Causation } from './causation';
import { assembleChunkInvoice, chunkInvoiceGroup, DUE_ON_RECEIPT } from './chunk-invoice';
import {
  selectDueSchedules,
  type ChunkSelection,
  type DueSchedule,
  type LeftOutSchedule,
} from './due-schedules';
import {
  DEFAULT_GENERATION_SETTINGS,
  INVOICE_GENERATION_PRODUCER,
  type GenerationSettings,
} from './generation-settings';
import { decideGroupFailure } from './group-failure';
import { retryOnConflict } from './retry-on-conflict';
import { appendAll, appendedTo, appendsOf } from './stream-appends';

export type GroupWorkItemMessage = EventEnvelope<'GroupWorkItem', GroupWorkItemData>;

/** What handling a work item did, for logs and tests. */
export interface GroupInvoiceGeneration {
  readonly invoiceId: string;
  /** TaxRequested: the invoice was recorded; NothingToInvoice: no schedule was still due; Republished: done before. */
  readonly outcome: 'TaxRequested' | 'NothingToInvoice' | 'GroupFailed' | 'Republished';
  readonly leftOut: readonly LeftOutSchedule[];
  readonly published: readonly OutgoingMessage[];
}

/**
 * Step 1 of invoice generation (docs/pipeline.md step 3), per `GroupWorkItem`: records the chunk's
 * invoice with its lines (`InvoiceDraftingStarted`) and asks for its estimated tax. A work item whose
 * invoice stream already has events is not worked again: what the stream says is re-published.
 */
export class GenerateGroupInvoice {
  constructor(
    private readonly eventStore: EventStore,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
    private readonly paymentTerms: PaymentTermCatalog,
    private readonly runs: RunRequests,
    private readonly settings: GenerationSettings = DEFAULT_GENERATION_SETTINGS,
  ) {}

  async handle(message: GroupWorkItemMessage): Promise<GroupInvoiceGeneration> {
    const generation = await retryOnConflict(this.settings.conflictAttempts, () => this.generate(message));
    await publishAll(this.publisher, generation.published);
    return generation;
  }

  private async generate(message: GroupWorkItemMessage): Promise<GroupInvoiceGeneration> {
    const item = message.data;
    const chunk: WorkItemChunk = {
      runId: item.runId,
      groupingKey: item.groupingKey,
      chunkIndex: item.chunkIndex,
      chunkCount: item.chunkCount,
    };
    const invoiceId = invoiceIdOf(item.runId, item.groupingKey, item.chunkIndex);
    // The invoice and every schedule of the chunk in one read: a redelivery (invoice written) is rare.
    const read = await this.eventStore.readStreams([
      invoiceStream(invoiceId),
      ...item.billingScheduleIds.map(billingScheduleStream),
    ]);
    const invoice = invoiceOf(invoiceId, read.get(invoiceStream(invoiceId)) ?? []);
    if (invoice.events.length > 0) {
      const published = messagesOfInvoiceStream(invoice.events, chunk, INVOICE_GENERATION_PRODUCER);
      return { invoiceId, outcome: 'Republished', leftOut: [], published };
    }
    const run = await this.runs.of(item.runId);
    const loaded = billingSchedulesOf(item.billingScheduleIds, read);
    const selection = selectDueSchedules(loaded, {
      runId: item.runId,
      runStartedAt: run.requestedAt,
      invoiceId,
      targetDate: calendarDate(item.targetDate),
      billingPeriodCount: item.billingPeriodCount,
    });
    const causation: Causation = {
      messageId: message.messageId,
      runId: item.runId,
      groupingKey: item.groupingKey,
      occurredAt: this.clock.now(),
      producer: INVOICE_GENERATION_PRODUCER,
    };
    if (selection.due.length === 0) {
      return this.nothingToInvoice(item, chunk, invoiceId, selection.leftOut, loaded, causation);
    }
    let assembled: AssembledInvoice;
    try {
      const group = chunkInvoiceGroup(
        selection.due,
        { ...chunk, invoiceDate: calendarDate(item.invoiceDate) },
        await this.paymentTermOf(selection.due),
      );
      assembled = assembleChunkInvoice(group, chunk, this.settings.maxLinesPerInvoice);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.failGroup(invoice, chunk, selection, error, causation);
    }
    const events = invoiceDecider.decide(
      { type: 'StartInvoiceGeneration', invoice: assembled },
      invoice.state,
    );
    const appends = appendsOf([{ stream: invoice.stream, expectedRevision: 'no-stream', events }], causation);
    await appendAll(this.eventStore, appends);
    const published = messagesOfInvoiceStream(
      appendedTo(appends, invoice.stream) as LoadedInvoice['events'],
      chunk,
      INVOICE_GENERATION_PRODUCER,
    );
    return { invoiceId, outcome: 'TaxRequested', leftOut: selection.leftOut, published };
  }

  /** The payment term of the invoice: the first schedule's (the grouping key makes them all the same). */
  private async paymentTermOf(due: readonly DueSchedule[]): Promise<PaymentTerm | null> {
    const [first] = due
      .map((schedule) => schedule.schedule.terms)
      .sort((left, right) => (left.id < right.id ? -1 : 1));
    if (first === undefined || first.paymentTermId === null) return DUE_ON_RECEIPT;
    return this.paymentTerms.find(first.paymentTermId);
  }

  /** No schedule is due any more: a result with no invoice, so the run still hears from this chunk. */
  private nothingToInvoice(
    item: GroupWorkItemData,
    chunk: WorkItemChunk,
    invoiceId: string,
    leftOut: readonly LeftOutSchedule[],
    loaded: readonly LoadedBillingSchedule[],
    causation: Causation,
  ): GroupInvoiceGeneration {
    const existing = loaded.find((schedule) => schedule.state.status !== 'NotCreated')?.state;
    if (existing === undefined || existing.status === 'NotCreated') {
      throw new PermanentError(`None of the billing schedules of work item ${causation.messageId} exists`);
    }
    const currency = existing.terms.currency;
    const message = nothingInvoicedMessage(
      chunk,
      invoiceId,
      currency,
      item.invoiceStatus,
      metadataOf(causation),
    );
    return { invoiceId, outcome: 'NothingToInvoice', leftOut, published: [message] };
  }

  private async failGroup(
    invoice: LoadedInvoice,
    chunk: WorkItemChunk,
    selection: ChunkSelection,
    error: DomainError,
    causation: Causation,
  ): Promise<GroupInvoiceGeneration> {
    const cause = { category: 'InvoiceGeneration', code: error.code, message: error.message } as const;
    const group = {
      runId: chunk.runId,
      groupingKey: chunk.groupingKey,
      billingScheduleIds: selection.due.map((schedule) => schedule.loaded.billingScheduleId),
    };
    const decided = decideGroupFailure(
      invoice,
      group,
      cause,
      selection.due.map((schedule) => schedule.loaded),
    );
    const appends = appendsOf(decided, causation);
    await appendAll(this.eventStore, appends);
    const published = messagesOfInvoiceStream(
      appendedTo(appends, invoice.stream) as LoadedInvoice['events'],
      chunk,
      INVOICE_GENERATION_PRODUCER,
    );
    return { invoiceId: invoice.invoiceId, outcome: 'GroupFailed', leftOut: selection.leftOut, published };
  }
}
