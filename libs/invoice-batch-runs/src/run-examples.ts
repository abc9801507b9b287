/**
 * Example runs, outcomes and instants shared by this library's specs (not exported from index.ts).
 */
import {
  DomainError,
  calendarDate,
  currencyCode,
  instant,
  money,
  type CurrencyCode,
  type Instant,
} from '@invoice-engine/kernel';
import { excludedByReason } from './exclusion-reason';
import type { FilteringCounts } from './filtering-counts';
import type { GroupAmounts, GroupOutcome } from './group-outcome';
import type { InvoiceBatchRunCommand } from './invoice-batch-run-commands';
import { invoiceBatchRunDecider } from './invoice-batch-run-decider';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { InvoiceBatchRunState } from './invoice-batch-run-state';
import type { InvoiceBatchRunRequest } from './run-request';
import {
  emptyRunProgress,
  foldStoredOutcomes,
  type RunProgress,
  type SequencedGroupOutcome,
} from './run-progress';

export const RUN_ID = 'run-1';
export const USD = currencyCode('USD');
export const EUR = currencyCode('EUR');

/** The n-th minute of 2026-03-01, as an instant. */
export function minute(n: number): Instant {
  const hours = String(Math.floor(n / 60)).padStart(2, '0');
  const minutes = String(n % 60).padStart(2, '0');
  return instant(`2026-03-01T${hours}:${minutes}:00.000Z`);
}

export function exampleRequest(overrides: Partial<InvoiceBatchRunRequest> = {}): InvoiceBatchRunRequest {
  return {
    runId: RUN_ID,
    criteria: {
      currencies: null,
      billingBatches: null,
      legalEntityIds: null,
      billingAccountIds: null,
      chargeTypes: null,
    },
    targetDate: calendarDate('2026-03-01'),
    invoiceDate: calendarDate('2026-03-01'),
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    defaultCurrency: USD,
    requestedAt: minute(0),
    trigger: { type: 'Scheduler', schedulerId: 'scheduler-1' },
    ...overrides,
  };
}

/** Filtering counts with `selected` schedules selected and the given exclusions. */
export function filteringCounts(
  selected: number,
  excluded: { NotDue?: number; OnHold?: number } = {},
): FilteringCounts {
  const byReason = excludedByReason(excluded);
  const scanned = selected + (excluded.NotDue ?? 0) + (excluded.OnHold ?? 0);
  return { billingSchedulesScanned: scanned, billingSchedulesSelected: selected, excludedByReason: byReason };
}

export function amounts(currency: CurrencyCode, subtotal: bigint, tax: bigint): GroupAmounts {
  return {
    currency,
    subtotal: money(subtotal, currency),
    tax: money(tax, currency),
    total: money(subtotal + tax, currency),
  };
}

/** A successful chunk with one invoice of `subtotal` + `tax` minor units. */
export function succeededGroup(
  groupingKey: string,
  options: {
    chunkIndex?: number;
    currency?: CurrencyCode;
    subtotal?: bigint;
    tax?: bigint;
    status?: 'Draft' | 'Posted';
    schedules?: number;
  } = {},
): GroupOutcome {
  const chunkIndex = options.chunkIndex ?? 0;
  return {
    runId: RUN_ID,
    groupingKey,
    chunkIndex,
    invoiceIds: [`invoice-${groupingKey}-${chunkIndex}`],
    billingSchedulesProcessed: options.schedules ?? 1,
    billingSchedulesFailed: 0,
    invoicesGenerated: 1,
    invoicesFailed: 0,
    invoiceStatus: options.status ?? 'Draft',
    amounts: [amounts(options.currency ?? USD, options.subtotal ?? 50968n, options.tax ?? 3695n)],
  };
}

/** A failed chunk: its invoice in Error and its schedules failed. */
export function failedGroup(groupingKey: string, schedules = 1): GroupOutcome {
  return {
    runId: RUN_ID,
    groupingKey,
    chunkIndex: 0,
    invoiceIds: [`invoice-${groupingKey}-0`],
    billingSchedulesProcessed: 0,
    billingSchedulesFailed: schedules,
    invoicesGenerated: 1,
    invoicesFailed: 1,
    invoiceStatus: 'Error',
    amounts: [],
  };
}

/** Runs commands through the decider one after another, as the shell would (load → decide → append). */
export function runCommands(
  commands: readonly InvoiceBatchRunCommand[],
  from: { readonly state: InvoiceBatchRunState; readonly events: readonly InvoiceBatchRunEvent[] } = {
    state: invoiceBatchRunDecider.initialState(),
    events: [],
  },
): { readonly state: InvoiceBatchRunState; readonly events: readonly InvoiceBatchRunEvent[] } {
  return commands.reduce((current, command) => {
    const events = invoiceBatchRunDecider.decide(command, current.state);
    return {
      state: events.reduce(invoiceBatchRunDecider.evolve, current.state),
      events: [...current.events, ...events],
    };
  }, from);
}

/** Commands of one run, in the order a run takes them. */
export const runCommand = {
  request: (request: InvoiceBatchRunRequest = exampleRequest()): InvoiceBatchRunCommand => ({
    type: 'RequestInvoiceBatchRun',
    request,
  }),
  startFiltering: (at = minute(1)): InvoiceBatchRunCommand => ({
    type: 'StartBillingSchedulesFiltering',
    runId: RUN_ID,
    startedAt: at,
  }),
  recordFiltering: (counts: FilteringCounts, at = minute(2)): InvoiceBatchRunCommand => ({
    type: 'RecordBillingSchedulesFilteringProgress',
    runId: RUN_ID,
    counts,
    recordedAt: at,
  }),
  completeFiltering: (
    counts: FilteringCounts,
    groupsExpected: number,
    at = minute(3),
  ): InvoiceBatchRunCommand => ({
    type: 'CompleteBillingSchedulesFiltering',
    runId: RUN_ID,
    counts,
    groupsExpected,
    completedAt: at,
  }),
  startGeneration: (at = minute(4)): InvoiceBatchRunCommand => ({
    type: 'StartInvoiceGeneration',
    runId: RUN_ID,
    startedAt: at,
  }),
  recordGeneration: (progress: RunProgress, at = minute(5)): InvoiceBatchRunCommand => ({
    type: 'RecordInvoiceGenerationProgress',
    runId: RUN_ID,
    progress,
    recordedAt: at,
  }),
  completeGeneration: (progress: RunProgress, at = minute(6)): InvoiceBatchRunCommand => ({
    type: 'CompleteInvoiceGeneration',
    runId: RUN_ID,
    progress,
    completedAt: at,
  }),
  startSummarization: (at = minute(7)): InvoiceBatchRunCommand => ({
    type: 'StartSummarization',
    runId: RUN_ID,
    startedAt: at,
  }),
  completeRun: (at = minute(8)): InvoiceBatchRunCommand => ({
    type: 'CompleteInvoiceBatchRun',
    runId: RUN_ID,
    completedAt: at,
  }),
  cancel: (at = minute(9)): InvoiceBatchRunCommand => ({
    type: 'CancelInvoiceBatchRun',
    runId: RUN_ID,
    canceledBy: 'user-7',
    reason: 'wrong target date',
    canceledAt: at,
  }),
};

/** Distinct work items' outcomes numbered 1, 2, 3… in the given order, as the outcome store numbers them. */
export function sequenced(outcomes: readonly GroupOutcome[], after = 0): readonly SequencedGroupOutcome[] {
  return outcomes.map((outcome, index) => ({ sequence: after + index + 1, outcome }));
}

/** The fold of the given outcomes (distinct work items) from nothing. */
export function progressOf(outcomes: readonly GroupOutcome[]): RunProgress {
  return foldStoredOutcomes(emptyRunProgress(RUN_ID), sequenced(outcomes)).progress;
}

/** given the commands already handled → when this command → the events it decides. */
export function givenCommands(commands: readonly InvoiceBatchRunCommand[]) {
  const { state } = runCommands(commands);
  return { when: (command: InvoiceBatchRunCommand) => invoiceBatchRunDecider.decide(command, state) };
}

/** The DomainError an action throws; fails the test when it throws nothing or something else. */
export function domainErrorOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
