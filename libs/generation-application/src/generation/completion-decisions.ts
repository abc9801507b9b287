import { billingScheduleDecider, type BillablePeriod } from '@invoice-engine/billing-schedules';
import {
  evolveInvoice,
  invoiceDecider,
  type AssembledInvoice,
  type InvoiceEvent,
  type InvoiceState,
} from '@invoice-engine/invoicing';
import type { CalendarDate, Instant } from '@invoice-engine/kernel';
import type { TaxedLine } from '@invoice-engine/tax';
import type { LoadedBillingSchedule } from '../loading/billing-schedule-streams';
import type { LoadedInvoice } from '../loading/invoice-stream';
import { failingGroupIn } from './group-failure-cause';
import type { DecidedStream } from './stream-appends';

/** The periods an invoice puts on each of its schedules, from its lines. */
function periodsBySchedule(invoice: AssembledInvoice): ReadonlyMap<string, BillablePeriod[]> {
  const periods = new Map<string, BillablePeriod[]>();
  for (const line of invoice.lines) {
    const { periodStart, periodEnd, quantity, unitPrice, chargeAmount } = line;
    const list = periods.get(line.billingScheduleId) ?? [];
    list.push({ periodStart, periodEnd, quantity, unitPrice, chargeAmount });
    periods.set(line.billingScheduleId, list);
  }
  return periods;
}

function afterEvents(state: InvoiceState, events: readonly InvoiceEvent[]): InvoiceState {
  return events.reduce(evolveInvoice, state);
}

export interface DraftDecision {
  readonly loaded: LoadedInvoice;
  readonly invoice: AssembledInvoice;
  readonly lineTaxes: readonly TaxedLine[];
  readonly schedules: readonly LoadedBillingSchedule[];
  readonly runStartedAt: Instant;
  /** Posted runs draft first, then post (the invoicing lib's decider): posting starts with the draft. */
  readonly postAfterDrafting: boolean;
}

/**
 * Estimated tax arrived: the invoice's `InvoiceDrafted` (and `InvoicePostingStarted` in a Posted run)
 * and each schedule's `BillingScheduleInvoiced` with its lines held by this draft, for one `appendMany`.
 * A repeated invoice command for periods this invoice already holds yields no event (idempotent).
 */
export function decideDraft(decision: DraftDecision): DecidedStream[] {
  const { loaded, invoice } = decision;
  const drafted = failingGroupIn('TaxCalculation', () =>
    invoiceDecider.decide(
      { type: 'RecordInvoiceDraft', invoiceId: invoice.invoiceId, lineTaxes: decision.lineTaxes },
      loaded.state,
    ),
  );
  const posting = decision.postAfterDrafting
    ? invoiceDecider.decide(
        { type: 'StartInvoicePosting', invoiceId: invoice.invoiceId },
        afterEvents(loaded.state, drafted),
      )
    : [];
  const periods = periodsBySchedule(invoice);
  const scheduleStreams = decision.schedules.map((schedule) => ({
    stream: schedule.stream,
    expectedRevision: schedule.revision,
    events: failingGroupIn('ScheduleUpdate', () =>
      billingScheduleDecider.decide(
        {
          type: 'InvoiceBillingSchedulePeriods',
          billingScheduleId: schedule.billingScheduleId,
          runId: invoice.runId,
          runStartedAt: decision.runStartedAt,
          invoiceId: invoice.invoiceId,
          invoiceStatus: 'Draft',
          periods: periods.get(schedule.billingScheduleId) ?? [],
        },
        schedule.state,
      ),
    ),
  }));
  return [
    { stream: loaded.stream, expectedRevision: loaded.revision, events: [...drafted, ...posting] },
    ...scheduleStreams,
  ];
}

export interface PostingDecision {
  readonly loaded: LoadedInvoice;
  readonly invoiceId: string;
  readonly lineTaxes: readonly TaxedLine[];
  readonly invoiceNumber: string;
  readonly postedDate: CalendarDate;
  readonly schedules: readonly LoadedBillingSchedule[];
}

/**
 * Actual tax and a number arrived: the invoice's `InvoicePosted` and each schedule's
 * `BillingScheduleDraftInvoicePosted` (the draft's lines become posted), for one `appendMany`.
 */
export function decidePosting(decision: PostingDecision): DecidedStream[] {
  const { loaded, invoiceId } = decision;
  const posted = failingGroupIn('TaxCalculation', () =>
    invoiceDecider.decide(
      {
        type: 'PostInvoice',
        invoiceId,
        lineTaxes: decision.lineTaxes,
        invoiceNumber: decision.invoiceNumber,
        postedDate: decision.postedDate,
      },
      loaded.state,
    ),
  );
  const scheduleStreams = decision.schedules.map((schedule) => ({
    stream: schedule.stream,
    expectedRevision: schedule.revision,
    events: failingGroupIn('ScheduleUpdate', () =>
      billingScheduleDecider.decide(
        { type: 'PostDraftInvoice', billingScheduleId: schedule.billingScheduleId, invoiceId },
        schedule.state,
      ),
    ),
  }));
  return [{ stream: loaded.stream, expectedRevision: loaded.revision, events: posted }, ...scheduleStreams];
}
