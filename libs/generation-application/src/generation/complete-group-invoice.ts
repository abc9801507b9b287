import type { TaxCalculatedData, TaxCalculationFailedData } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import { applyLineTaxes, type AssembledInvoice } from '@invoice-engine/invoicing';
import { calendarDate, type EventEnvelope } from '@invoice-engine/kernel';
import { PermanentError } from '@invoice-engine/messaging';
import type { Clock, MessagePublisher } from '@invoice-engine/runtime';
import { loadBillingSchedules, type LoadedBillingSchedule } from '../loading/billing-schedule-streams';
import { invoiceStateOf, loadInvoice, type LoadedInvoice } from '../loading/invoice-stream';
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
  ) {}

  async handle(message: TaxResultMessage): Promise<GroupInvoiceCompletion> {
    const completion = await retryOnConflict(this.settings.conflictAttempts, () => this.complete(message));
    await publishAll(this.publisher, completion.published);
    return completion;
  }

  private async complete(message: TaxResultMessage): Promise<GroupInvoiceCompletion> {
    const { invoiceId, mode } = message.data;
    const loaded = await loadInvoice(this.eventStore, invoiceId);
    const state = loaded.state;
    if (state.status === 'Pending') {
      throw new PermanentError(
        `Tax result ${message.messageId} is for invoice ${invoiceId}, which was never recorded`,
      );
    }
    const awaited = state.status === 'DraftInProgress' ? 'Estimate' : 'CalculateAndCommit';
    if ((state.status !== 'DraftInProgress' && state.status !== 'PostingInProgress') || awaited !== mode) {
      const published = messagesOfInvoiceStream(loaded.events, null, INVOICE_GENERATION_PRODUCER);
      return { invoiceId, outcome: 'Republished', published };
    }
    const causation: Causation = {
      messageId: message.messageId,
      runId: state.invoice.runId,
      groupingKey: state.invoice.groupingKey,
      occurredAt: this.clock.now(),
      producer: INVOICE_GENERATION_PRODUCER,
    };
    const scheduleIds = [...new Set(state.invoice.lines.map((line) => line.billingScheduleId))];
    const schedules = await loadBillingSchedules(this.eventStore, scheduleIds);
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
    return this.append(loaded, decided, causation);
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

  private async append(
    loaded: LoadedInvoice,
    decided: readonly DecidedStream[],
    causation: Causation,
  ): Promise<GroupInvoiceCompletion> {
    const appends = appendsOf(decided, causation);
    await appendAll(this.eventStore, appends);
    const events = [...loaded.events, ...appendedTo(appends, loaded.stream)] as LoadedInvoice['events'];
    const outcome = invoiceStateOf(events).status;
    const published = messagesOfInvoiceStream(events, null, INVOICE_GENERATION_PRODUCER);
    if (outcome === 'Pending' || outcome === 'DraftInProgress' || outcome === 'Canceled') {
      throw new Error(`Invoice ${loaded.invoiceId} is ${outcome} after its tax result`);
    }
    return { invoiceId: loaded.invoiceId, outcome, published };
  }
}
