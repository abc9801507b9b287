import {
  billingScheduleDecider,
  checkEligibility,
  matchesRunCriteria,
  type BillingSchedule,
  type BillingScheduleCommand,
  type BillingScheduleDeciderState,
  type BillingScheduleTerms,
  type ExclusionReason,
} from '@invoice-engine/billing-schedules';
import {
  emptyRunProgress,
  foldGroupOutcomes,
  noExclusions,
  STATUS_SUBTYPES,
  summarizeRun,
  type GroupOutcome,
} from '@invoice-engine/invoice-batch-runs';
import { groupingKeyOf } from '@invoice-engine/invoicing';
import { taxRateTable } from '@invoice-engine/tax';
import { predictGroupInvoices, type DueSchedule } from './predicted-invoices';
import type {
  OracleReferenceData,
  PredictedErrorLog,
  PredictedInvoice,
  RunPrediction,
  RunToPredict,
} from './run-prediction';

/** A schedule as created from its terms, folded by the billing-schedules decider. */
export function createdSchedule(terms: BillingScheduleTerms): BillingSchedule {
  return applied(billingScheduleDecider.initialState(), { type: 'CreateBillingSchedule', terms }, terms.id);
}

function applied(
  state: BillingScheduleDeciderState,
  command: BillingScheduleCommand,
  id: string,
): BillingSchedule {
  const next = billingScheduleDecider.decide(command, state).reduce(billingScheduleDecider.evolve, state);
  if (next.status === 'NotCreated') throw new Error(`schedule ${id} does not exist`);
  return next;
}

interface Selection {
  readonly scanned: number;
  readonly excluded: ReadonlyMap<string, ExclusionReason>;
  readonly groups: ReadonlyMap<string, readonly DueSchedule[]>;
}

/** Filtering: the schedules matching the criteria, each excluded with its reason or due in its group. */
function select(run: RunToPredict, schedules: Iterable<BillingSchedule>): Selection {
  const excluded = new Map<string, ExclusionReason>();
  const groups = new Map<string, DueSchedule[]>();
  let scanned = 0;
  for (const schedule of schedules) {
    if (!matchesRunCriteria(schedule.terms, run.criteria)) continue;
    scanned += 1;
    const eligibility = checkEligibility(schedule.terms, schedule, run);
    if (eligibility.outcome === 'Excluded') {
      excluded.set(schedule.terms.id, eligibility.reason);
      continue;
    }
    const key = groupingKeyOf({ ...schedule.terms, billingScheduleId: schedule.terms.id });
    const group = groups.get(key) ?? [];
    group.push({ schedule, periods: eligibility.periods });
    groups.set(key, group);
  }
  return { scanned, excluded, groups };
}

function outcomeOf(run: RunToPredict, invoice: PredictedInvoice): GroupOutcome {
  const failed = invoice.status === 'Error';
  return {
    runId: run.runId,
    groupingKey: invoice.groupingKey,
    chunkIndex: invoice.chunkIndex,
    invoiceIds: [invoice.invoiceId],
    billingSchedulesProcessed: failed ? 0 : invoice.billingScheduleIds.length,
    billingSchedulesFailed: failed ? invoice.billingScheduleIds.length : 0,
    invoicesGenerated: 1,
    invoicesFailed: failed ? 1 : 0,
    invoiceStatus: invoice.status,
    amounts:
      failed || invoice.taxTotal === null || invoice.total === null
        ? []
        : [
            {
              currency: invoice.currency,
              subtotal: invoice.subtotal,
              tax: invoice.taxTotal,
              total: invoice.total,
            },
          ],
  };
}

/** Each schedule of an invoice after the run: its periods invoiced, or Error when the invoice failed. */
function schedulesAfterInvoice(
  run: RunToPredict,
  invoice: PredictedInvoice,
  due: ReadonlyMap<string, DueSchedule>,
  after: Map<string, BillingSchedule>,
): void {
  for (const id of invoice.billingScheduleIds) {
    const entry = due.get(id);
    if (entry === undefined) throw new Error(`invoice ${invoice.invoiceId} bills unknown schedule ${id}`);
    const command: BillingScheduleCommand =
      invoice.failure === null
        ? {
            type: 'InvoiceBillingSchedulePeriods',
            billingScheduleId: id,
            runId: run.runId,
            runStartedAt: run.requestedAt,
            invoiceId: invoice.invoiceId,
            invoiceStatus: run.invoiceStatus,
            periods: invoice.lines.filter((line) => line.billingScheduleId === id),
          }
        : {
            type: 'MarkBillingScheduleError',
            billingScheduleId: id,
            runId: run.runId,
            errorCode: invoice.failure.code,
            message: `${invoice.failure.category} failed`,
          };
    after.set(id, applied(after.get(id) ?? entry.schedule, command, id));
  }
}

/**
 * What a run must produce, computed with the pure domain libraries alone (no event store, broker or
 * database): eligibility and billable periods (billing-schedules), grouping, assembly and totals
 * (invoicing), tax (the rate table of the tax lib), counting and the summary (invoice-batch-runs),
 * and each schedule's state after the run (the billing schedule decider).
 */
export function predictRun(
  run: RunToPredict,
  schedules: Iterable<BillingSchedule>,
  reference: OracleReferenceData,
): RunPrediction {
  const before = new Map<string, BillingSchedule>();
  for (const schedule of schedules) before.set(schedule.terms.id, schedule);
  const selection = select(run, before.values());
  const table = taxRateTable(reference.taxRates);
  const keys = [...selection.groups.keys()].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const invoices = keys.flatMap((key) =>
    predictGroupInvoices(run, key, selection.groups.get(key) ?? [], reference, table),
  );
  const due = new Map([...selection.groups.values()].flat().map((entry) => [entry.schedule.terms.id, entry]));
  const after = new Map(before);
  for (const invoice of invoices) schedulesAfterInvoice(run, invoice, due, after);
  const errorLogs: PredictedErrorLog[] = invoices.flatMap((invoice) =>
    invoice.failure === null
      ? []
      : invoice.billingScheduleIds.map((billingScheduleId) => ({
          category: invoice.failure?.category ?? 'InvoiceGeneration',
          errorCode: invoice.failure?.code ?? '',
          billingScheduleId,
          groupingKey: invoice.groupingKey,
        })),
  );
  const excludedByReason: Record<ExclusionReason, number> = { ...noExclusions() };
  for (const reason of selection.excluded.values()) excludedByReason[reason] += 1;
  const progress = foldGroupOutcomes(
    emptyRunProgress(run.runId),
    invoices.map((invoice) => outcomeOf(run, invoice)),
  ).progress;
  const failed = invoices.some((invoice) => invoice.status === 'Error');
  const summary = summarizeRun(
    {
      billingSchedulesScanned: selection.scanned,
      billingSchedulesSelected: due.size,
      excludedByReason,
    },
    progress.counts,
    run.defaultCurrency,
  );
  return {
    runId: run.runId,
    status: failed ? 'Failed' : 'Completed',
    stages: [...STATUS_SUBTYPES.slice(0, 7), failed ? 'Failed' : 'Completed'],
    billingSchedulesScanned: selection.scanned,
    excluded: selection.excluded,
    invoices,
    errorLogs,
    summary,
    schedulesAfter: after,
  };
}
