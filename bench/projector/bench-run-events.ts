// The events of one invoice batch run over generated schedules, decided by the real deciders: the
// run's stage events, per grouping key an invoice drafted (lines taxed at a flat rate) and each of its
// schedules invoiced. Enough to give the projections the volume and shape of a real run.
import {
  billingScheduleDecider,
  checkEligibility,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import type { StreamAppend } from '@invoice-engine/event-store';
import {
  excludedByReason,
  invoiceBatchRunDecider,
  type ExclusionReason,
  type InvoiceBatchRunCommand,
  type InvoiceBatchRunEvent,
  type InvoiceBatchRunRequest,
} from '@invoice-engine/invoice-batch-runs';
import {
  assembleInvoices,
  groupingKeyOf,
  invoiceDecider,
  type AssembledInvoice,
} from '@invoice-engine/invoicing';
import {
  deterministicId,
  foldEvents,
  streamName,
  StreamCategory,
  type DomainEvent,
  type Instant,
} from '@invoice-engine/kernel';
import { lineTax } from '@invoice-engine/tax';
import { createdSchedule } from '@invoice-engine/testing';

const TAX_RATE = '0.0725';
/** Groups per batch of appends. */
const GROUPS_PER_BATCH = 500;

export interface BenchRun {
  readonly request: InvoiceBatchRunRequest;
  readonly occurredAt: Instant;
}

interface DueGroup {
  readonly groupingKey: string;
  readonly schedules: { terms: BillingScheduleTerms; periods: ReturnType<typeof duePeriods> }[];
}

function duePeriods(terms: BillingScheduleTerms, run: BenchRun) {
  const eligibility = checkEligibility(terms, createdSchedule(terms), {
    targetDate: run.request.targetDate,
    billingPeriodCount: run.request.billingPeriodCount,
  });
  return eligibility.outcome === 'Due' ? eligibility.periods : eligibility.reason;
}

function append(
  stream: string,
  events: readonly DomainEvent[],
  run: BenchRun,
  groupingKey: string | null,
): StreamAppend {
  return {
    stream,
    expectedRevision: 'any',
    events: events.map((event, index) => ({
      messageId: deterministicId(run.request.runId, stream, event.type, String(index)),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: {
        correlationId: run.request.runId,
        causationId: run.request.runId,
        groupingKey,
        runId: run.request.runId,
        occurredAt: run.occurredAt,
        producer: 'projector-bench',
      },
    })),
  };
}

function invoiceOf(group: DueGroup, run: BenchRun): AssembledInvoice[] {
  const first = group.schedules[0]?.terms;
  if (first === undefined) return [];
  return [
    ...assembleInvoices({
      runId: run.request.runId,
      groupingKey: group.groupingKey,
      invoiceDate: run.request.invoiceDate,
      currency: first.currency,
      billingAccountId: first.billingAccountId,
      legalEntityId: first.legalEntityId,
      taxEngineId: first.taxEngineId,
      billToAddress: first.billToAddress ?? { country: 'US', region: null },
      paymentTerm: { id: first.paymentTermId ?? 'net-30', dueDays: 30 },
      lines: group.schedules.flatMap(({ terms, periods }) =>
        typeof periods === 'string'
          ? []
          : periods.map((period) => ({
              ...period,
              billingScheduleId: terms.id,
              taxCode: terms.taxCode ?? 'SW',
            })),
      ),
    }),
  ];
}

/** The appends of one group: its invoices drafted, then each schedule invoiced. */
function groupAppends(group: DueGroup, run: BenchRun): StreamAppend[] {
  const appends: StreamAppend[] = [];
  for (const invoice of invoiceOf(group, run)) {
    const started = invoiceDecider.decide(
      { type: 'StartInvoiceGeneration', invoice },
      invoiceDecider.initialState(),
    );
    const lineTaxes = invoice.lines.map((line) => ({
      lineId: line.lineId,
      taxAmount: lineTax(line.chargeAmount, TAX_RATE),
      rate: TAX_RATE,
      taxCode: line.taxCode,
      taxStatus: 'Estimated' as const,
    }));
    const drafted = invoiceDecider.decide(
      { type: 'RecordInvoiceDraft', invoiceId: invoice.invoiceId, lineTaxes },
      foldEvents(invoiceDecider, started),
    );
    appends.push(
      append(
        streamName(StreamCategory.Invoice, invoice.invoiceId),
        [...started, ...drafted],
        run,
        group.groupingKey,
      ),
    );
    const scheduleIds = [...new Set(invoice.lines.map((line) => line.billingScheduleId))];
    for (const { terms, periods } of group.schedules) {
      if (typeof periods === 'string' || !scheduleIds.includes(terms.id)) continue;
      const invoiced = billingScheduleDecider.decide(
        {
          type: 'InvoiceBillingSchedulePeriods',
          billingScheduleId: terms.id,
          runId: run.request.runId,
          runStartedAt: run.request.requestedAt,
          invoiceId: invoice.invoiceId,
          invoiceStatus: 'Draft',
          periods,
        },
        createdSchedule(terms),
      );
      appends.push(
        append(streamName(StreamCategory.BillingSchedule, terms.id), invoiced, run, group.groupingKey),
      );
    }
  }
  return appends;
}

/** Decides the run's commands one after another; `take()` gives the events decided since the last take as one append. */
class RunStream {
  private events: InvoiceBatchRunEvent[] = [];
  private taken = 0;
  constructor(private readonly run: BenchRun) {}
  decide(command: InvoiceBatchRunCommand): void {
    const decided = invoiceBatchRunDecider.decide(command, foldEvents(invoiceBatchRunDecider, this.events));
    this.events = [...this.events, ...decided];
  }
  take(): StreamAppend {
    const events = this.events.slice(this.taken);
    this.taken = this.events.length;
    return append(streamName(StreamCategory.InvoiceBatchRun, this.run.request.runId), events, this.run, null);
  }
}

/**
 * The run's appends in the order the services make them, lazily, a few hundred groups at a time: the
 * request and filtering, then per group its invoices and its schedules invoiced. The run's generation
 * progress and completion are left out: they are a handful of events whose command shapes change
 * with the run's progress model, and the run projection's cost does not depend on them.
 */
export function* benchRunAppends(
  schedules: readonly BillingScheduleTerms[],
  run: BenchRun,
): Generator<StreamAppend[]> {
  const runId = run.request.runId;
  const at = run.occurredAt;
  const stream = new RunStream(run);
  const groups = new Map<string, DueGroup>();
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  for (const terms of schedules) {
    const periods = duePeriods(terms, run);
    if (typeof periods === 'string') {
      excluded[periods] = (excluded[periods] ?? 0) + 1;
      continue;
    }
    const groupingKey = groupingKeyOf({ ...terms, billingScheduleId: terms.id });
    const group = groups.get(groupingKey) ?? { groupingKey, schedules: [] };
    group.schedules.push({ terms, periods });
    groups.set(groupingKey, group);
  }
  const selected = [...groups.values()].reduce((sum, group) => sum + group.schedules.length, 0);
  const counts = {
    billingSchedulesScanned: schedules.length,
    billingSchedulesSelected: selected,
    excludedByReason: excludedByReason(excluded),
  };
  stream.decide({ type: 'RequestInvoiceBatchRun', request: run.request });
  stream.decide({ type: 'StartBillingSchedulesFiltering', runId, startedAt: at });
  stream.decide({ type: 'RecordBillingSchedulesFilteringProgress', runId, counts, recordedAt: at });
  stream.decide({
    type: 'CompleteBillingSchedulesFiltering',
    runId,
    counts,
    groupsExpected: groups.size,
    completedAt: at,
  });
  stream.decide({ type: 'StartInvoiceGeneration', runId, startedAt: at });
  yield [stream.take()];
  let batch: StreamAppend[] = [];
  for (const group of groups.values()) {
    batch.push(...groupAppends(group, run));
    if (batch.length >= GROUPS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  yield batch;
}
