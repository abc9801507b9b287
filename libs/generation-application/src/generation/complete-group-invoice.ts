import type { TaxCalculatedData, TaxCalculationFailedData } from '@invoice-engine/contracts';
import type { EventStore, StreamAppend } from '@invoice-engine/event-store';
import { applyLineTaxes, type AssembledInvoice } from '@invoice-engine/invoicing';
import { calendarDate, type EventEnvelope } from '@invoice-engine/kernel';
import { PermanentError } from '@invoice-engine/messaging';
import type { Clock, MessagePublisher } from '@invoice-engine/runtime';
import type { LoadedBillingSchedule } from '../loading/billing-schedule-streams';
import { invoiceOf, invoiceStateOf, invoiceStream, type LoadedInvoice } from '../loading/invoice-stream';
import { RecentBillingSchedules } from '../loading/recent-billing-schedules';
import type { RunRequests } from '../loading/run-requests';
import { messagesOfInvoiceStream } from '../outbound/invoice-stream-messages';
import { publishAll, type OutgoingMessage } from '../outbound/outgoing-message';
import type { InvoiceNumberAllocator } from '../ports/invoice-number-allocator';
import { taxedLinesOfMessage } from '../tax/tax-message-mapping';
import type { Causation } from './causation';
import { decideDraft, decidePosting } from './completion-decisions';
import {
  DEFAULT_GENERATION_SETTINGS,
  INVOICE_GENERATION_PRODUCER,
  type GenerationSettings,
} from './generation-settings';
import { decideGroupFailure } from './group-failure';
import { failingGroupIn, GroupFailure } from './group-failure-cause';
import { retryOnConflict } from './retry-on-conflict';
import { appendAll, appendedTo, appendsOf, type DecidedStream } from './stream-appends';

export type TaxResultMessage =
  | EventEnvelope<'TaxCalculated', TaxCalculatedData>
  | EventEnvelope<'TaxCalculationFailed', TaxCalculationFailedData>;

/** What handling a tax result did, for logs and tests. */
export interface GroupInvoiceCompletion {
  readonly invoiceId: string;
  /** The invoice's status afterwards; Republished: the result had been handled before (or came late). */
  readonly outcome: 'Draft' | 'PostingInProgress' | 'Posted' | 'Error' | 'Republished';
  readonly published: readonly OutgoingMessage[];
}

/** What one tax result decided: the appends (none when nothing is recorded) and what to publish after. */
interface TaxResultDecision {
  readonly appends: readonly StreamAppend[];
  readonly completion: GroupInvoiceCompletion;
}

type Awaiting = Extract<LoadedInvoice['state'], { status: 'DraftInProgress' | 'PostingInProgress' }>;

/**
 * Step 2 of invoice generation (docs/pipeline.md step 5), per tax result: records the tax on the
 * invoice and the invoice on its schedules in one `appendMany` (Draft; in a Posted run the draft
 * then asks for actual tax, whose result posts it with a number), or fails the group. A result the
 * invoice no longer waits for re-publishes what the stream says.
 */
export class CompleteGroupInvoice {
  constructor(
    private readonly eventStore: EventStore,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
    private readonly invoiceNumbers: InvoiceNumberAllocator,
    private readonly runs: RunRequests,
    private readonly settings: GenerationSettings = DEFAULT_GENERATION_SETTINGS,
    /** The schedules the work items loaded (shared with `GenerateGroupInvoice`); by default none are kept. */
    private readonly recentSchedules: RecentBillingSchedules = new RecentBillingSchedules(0),
  ) {}

  async handle(message: TaxResultMessage): Promise<GroupInvoiceCompletion> {
    const [completion] = await retryOnConflict(this.settings.conflictAttempts, () =>
      this.complete([message]),
    );
    if (completion === undefined) throw new Error(`tax result ${message.messageId} was not handled`);
    await publishAll(this.publisher, completion.published);
    return completion;
  }

  /**
   * Several tax results (a partition batch) at once: one `readStreams` for their invoices, one for the
   * schedules of those invoices, one `appendMany` for everything decided, one publish. All or nothing:
   * any failure (a conflict, an invoice never recorded, two results of one invoice) is thrown, and the
   * caller handles the results one by one with `handle`.
   */
  async handleMany(messages: readonly TaxResultMessage[]): Promise<readonly GroupInvoiceCompletion[]> {
    const completions = await this.complete(messages);
    await publishAll(
      this.publisher,
      completions.flatMap((completion) => completion.published),
    );
    return completions;
  }

  private async complete(messages: readonly TaxResultMessage[]): Promise<GroupInvoiceCompletion[]> {
    const invoicesRead = await this.eventStore.readStreams(
      messages.map((message) => invoiceStream(message.data.invoiceId)),
    );
    const invoices = messages.map(({ data: { invoiceId } }) =>
      invoiceOf(invoiceId, invoicesRead.get(invoiceStream(invoiceId)) ?? []),
    );
    const scheduleIds = invoices.flatMap(scheduleIdsOf);
    try {
      const loaded = await this.recentSchedules.load(this.eventStore, scheduleIds);
      const schedules = new Map(loaded.map((schedule) => [schedule.billingScheduleId, schedule]));
      const decisions: TaxResultDecision[] = [];
      for (const [index, message] of messages.entries()) {
        const invoice = invoices[index];
        if (invoice === undefined) throw new Error(`no invoice read for tax result ${message.messageId}`);
        decisions.push(await this.decide(message, invoice, schedules));
      }
      await appendAll(
        this.eventStore,
        decisions.flatMap((decision) => decision.appends),
      );
      return decisions.map((decision) => decision.completion);
    } finally {
      // Appended to, or possibly stale (a conflict): a retry or a later result reads them again.
      this.recentSchedules.forget(scheduleIds);
    }
  }

  /** What one tax result appends and publishes, from its invoice and schedules as read. */
  private async decide(
    message: TaxResultMessage,
    loaded: LoadedInvoice,
    loadedSchedules: ReadonlyMap<string, LoadedBillingSchedule>,
  ): Promise<TaxResultDecision> {
    const { invoiceId, mode } = message.data;
    const state = loaded.state;
    if (state.status === 'Pending') {
      throw new PermanentError(
        `Tax result ${message.messageId} is for invoice ${invoiceId}, which was never recorded`,
      );
    }
    const awaited = state.status === 'DraftInProgress' ? 'Estimate' : 'CalculateAndCommit';
    if ((state.status !== 'DraftInProgress' && state.status !== 'PostingInProgress') || awaited !== mode) {
      const published = messagesOfInvoiceStream(loaded.events, null, INVOICE_GENERATION_PRODUCER);
      return { appends: [], completion: { invoiceId, outcome: 'Republished', published } };
    }
    const causation: Causation = {
      messageId: message.messageId,
      runId: state.invoice.runId,
      groupingKey: state.invoice.groupingKey,
      occurredAt: this.clock.now(),
      producer: INVOICE_GENERATION_PRODUCER,
    };
    const scheduleIds = scheduleIdsOf(loaded);
    const schedules = scheduleIds.map((id) => {
      const schedule = loadedSchedules.get(id);
      if (schedule === undefined)
        throw new Error(`billing schedule ${id} of invoice ${invoiceId} was not loaded`);
      return schedule;
    });
    let decided: DecidedStream[];
    try {
      if (message.type === 'TaxCalculationFailed') {
        const { code, message: text } = message.data;
        throw new GroupFailure({ category: 'TaxCalculation', code, message: text });
      }
      decided = await this.decideCompletion(loaded, state, message.data, schedules);
    } catch (error) {
      if (!(error instanceof GroupFailure)) throw error;
      const group = {
        runId: causation.runId,
        groupingKey: causation.groupingKey,
        billingScheduleIds: scheduleIds,
      };
      decided = decideGroupFailure(loaded, group, error.failureCause, schedules);
    }
    return this.decided(loaded, decided, causation);
  }

  private async decideCompletion(
    loaded: LoadedInvoice,
    state: Awaiting,
    result: TaxCalculatedData,
    schedules: readonly LoadedBillingSchedule[],
  ): Promise<DecidedStream[]> {
    const lineTaxes = taxedLinesOfMessage(result);
    const invoice: AssembledInvoice = state.invoice;
    if (state.status === 'DraftInProgress') {
      const run = await this.runs.of(invoice.runId);
      return decideDraft({
        loaded,
        invoice,
        lineTaxes,
        schedules,
        runStartedAt: run.requestedAt,
        postAfterDrafting: run.invoiceStatus === 'Posted',
      });
    }
    // Checked before a number is taken, so a broken answer does not use one up.
    failingGroupIn('TaxCalculation', () =>
      applyLineTaxes(invoice.invoiceId, invoice.lines, lineTaxes, 'Posted'),
    );
    const invoiceNumber = await this.invoiceNumbers.numberFor({
      legalEntityId: invoice.legalEntityId,
      invoiceId: invoice.invoiceId,
    });
    return decidePosting({
      loaded,
      invoiceId: invoice.invoiceId,
      lineTaxes,
      invoiceNumber,
      postedDate: calendarDate(this.clock.now().slice(0, 10)),
      schedules,
    });
  }

  private decided(
    loaded: LoadedInvoice,
    decided: readonly DecidedStream[],
    causation: Causation,
  ): TaxResultDecision {
    const appends = appendsOf(decided, causation);
    const events = [...loaded.events, ...appendedTo(appends, loaded.stream)] as LoadedInvoice['events'];
    const outcome = invoiceStateOf(events).status;
    const published = messagesOfInvoiceStream(events, null, INVOICE_GENERATION_PRODUCER);
    if (outcome === 'Pending' || outcome === 'DraftInProgress' || outcome === 'Canceled') {
      throw new Error(`Invoice ${loaded.invoiceId} is ${outcome} after its tax result`);
    }
    return { appends, completion: { invoiceId: loaded.invoiceId, outcome, published } };
  }
}

/** The schedules an invoice waiting for its tax holds lines of (none for any other invoice). */
function scheduleIdsOf(invoice: LoadedInvoice): string[] {
  const state = invoice.state;
  if (state.status !== 'DraftInProgress' && state.status !== 'PostingInProgress') return [];
  return [...new Set(state.invoice.lines.map((line) => line.billingScheduleId))];
}
