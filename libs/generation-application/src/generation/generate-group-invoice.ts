import type { GroupWorkItemData } from '@invoice-engine/contracts';
import type { EventStore, RecordedEvent, StreamAppend } from '@invoice-engine/event-store';
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
import { RecentBillingSchedules } from '../loading/recent-billing-schedules';
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

/** What one work item decided: the appends (none when nothing is recorded) and what to publish after. */
interface WorkItemDecision {
  readonly appends: readonly StreamAppend[];
  readonly generation: GroupInvoiceGeneration;
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
    /** Where the loaded schedules are kept for the tax result (shared with `CompleteGroupInvoice`). */
    private readonly recentSchedules: RecentBillingSchedules = new RecentBillingSchedules(0),
  ) {}

  async handle(message: GroupWorkItemMessage): Promise<GroupInvoiceGeneration> {
    const [generation] = await retryOnConflict(this.settings.conflictAttempts, () =>
      this.generate([message]),
    );
    if (generation === undefined) throw new Error(`work item ${message.messageId} was not handled`);
    await publishAll(this.publisher, generation.published);
    return generation;
  }

  /**
   * Several work items (a partition batch) at once: one `readStreams` for every invoice and schedule
   * stream, one `appendMany` for what all of them decided, one publish. All or nothing: any failure
   * (a conflict, a run never requested, the same item twice) is thrown, and the caller handles the
   * items one by one with `handle`.
   */
  async handleMany(messages: readonly GroupWorkItemMessage[]): Promise<readonly GroupInvoiceGeneration[]> {
    const generations = await this.generate(messages);
    await publishAll(
      this.publisher,
      generations.flatMap((generation) => generation.published),
    );
    return generations;
  }

  private async generate(messages: readonly GroupWorkItemMessage[]): Promise<GroupInvoiceGeneration[]> {
    // The invoices and every schedule of the chunks in one read: a redelivery (invoice written) is rare.
    const read = await this.eventStore.readStreams(
      messages.flatMap(({ data: item }) => [
        invoiceStream(invoiceIdOf(item.runId, item.groupingKey, item.chunkIndex)),
        ...item.billingScheduleIds.map(billingScheduleStream),
      ]),
    );
    const decisions: WorkItemDecision[] = [];
    for (const message of messages) decisions.push(await this.decide(message, read));
    await appendAll(
      this.eventStore,
      decisions.flatMap((decision) => decision.appends),
    );
    return decisions.map((decision) => decision.generation);
  }

  /** What one work item appends and publishes, from its streams as read. */
  private async decide(
    message: GroupWorkItemMessage,
    read: ReadonlyMap<string, readonly RecordedEvent[]>,
  ): Promise<WorkItemDecision> {
    const item = message.data;
    const chunk: WorkItemChunk = {
      runId: item.runId,
      groupingKey: item.groupingKey,
      chunkIndex: item.chunkIndex,
      chunkCount: item.chunkCount,
    };
    const invoiceId = invoiceIdOf(item.runId, item.groupingKey, item.chunkIndex);
    const invoice = invoiceOf(invoiceId, read.get(invoiceStream(invoiceId)) ?? []);
    if (invoice.events.length > 0) {
      const published = messagesOfInvoiceStream(invoice.events, chunk, INVOICE_GENERATION_PRODUCER);
      return { appends: [], generation: { invoiceId, outcome: 'Republished', leftOut: [], published } };
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
      const generation = this.nothingToInvoice(item, chunk, invoiceId, selection.leftOut, loaded, causation);
      return { appends: [], generation };
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
    // The invoice's schedules, for its tax result (the others are not read again).
    this.recentSchedules.remember(selection.due.map((schedule) => schedule.loaded));
    const published = messagesOfInvoiceStream(
      appendedTo(appends, invoice.stream) as LoadedInvoice['events'],
      chunk,
      INVOICE_GENERATION_PRODUCER,
    );
    return {
      appends,
      generation: { invoiceId, outcome: 'TaxRequested', leftOut: selection.leftOut, published },
    };
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

  private failGroup(
    invoice: LoadedInvoice,
    chunk: WorkItemChunk,
    selection: ChunkSelection,
    error: DomainError,
    causation: Causation,
  ): WorkItemDecision {
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
    const published = messagesOfInvoiceStream(
      appendedTo(appends, invoice.stream) as LoadedInvoice['events'],
      chunk,
      INVOICE_GENERATION_PRODUCER,
    );
    return {
      appends,
      generation: {
        invoiceId: invoice.invoiceId,
        outcome: 'GroupFailed',
        leftOut: selection.leftOut,
        published,
      },
    };
  }
}
