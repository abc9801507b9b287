// Test-only: invoice batch runs taken through the real run decider.
import {
  emptyRunProgress,
  excludedByReason,
  foldGroupOutcomes,
  invoiceBatchRunDecider,
  type FilteringCounts,
  type GroupOutcome,
  type InvoiceBatchRunCommand,
  type InvoiceBatchRunEvent,
  type InvoiceBatchRunRequest,
  type RunProgress,
} from '@invoice-engine/invoice-batch-runs';
import { calendarDate, currencyCode, foldEvents, instant, money, type Instant } from '@invoice-engine/kernel';

const usd = currencyCode('USD');

/** The n-th minute of 2026-03-01. */
export function minute(n: number): Instant {
  return instant(`2026-03-01T06:${String(n).padStart(2, '0')}:00.000Z`);
}

export function runRequest(
  runId: string,
  overrides: Partial<InvoiceBatchRunRequest> = {},
): InvoiceBatchRunRequest {
  return {
    runId,
    criteria: {
      currencies: [usd],
      billingBatches: [null],
      legalEntityIds: null,
      billingAccountIds: null,
      chargeTypes: null,
    },
    targetDate: calendarDate('2026-03-01'),
    invoiceDate: calendarDate('2026-03-01'),
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    defaultCurrency: usd,
    requestedAt: minute(0),
    trigger: { type: 'Scheduler', schedulerId: 'scheduler-1' },
    ...overrides,
  };
}

export function runHistory(...commands: readonly InvoiceBatchRunCommand[]): InvoiceBatchRunEvent[] {
  return commands.reduce<InvoiceBatchRunEvent[]>(
    (events, command) => [
      ...events,
      ...invoiceBatchRunDecider.decide(command, foldEvents(invoiceBatchRunDecider, events)),
    ],
    [],
  );
}

/** Three schedules scanned: two selected, one not due. */
export const filteringCounts: FilteringCounts = {
  billingSchedulesScanned: 3,
  billingSchedulesSelected: 2,
  excludedByReason: excludedByReason({ NotDue: 1 }),
};

/** One group drafted for 546.63 USD and, when `withFailure`, one failed group. */
export function generationProgress(runId: string, withFailure: boolean): RunProgress {
  const outcomes: GroupOutcome[] = [
    {
      runId,
      groupingKey: 'group-a',
      chunkIndex: 0,
      invoiceIds: ['inv-a'],
      billingSchedulesProcessed: 1,
      billingSchedulesFailed: 0,
      invoicesGenerated: 1,
      invoicesFailed: 0,
      invoiceStatus: 'Draft',
      amounts: [
        { currency: usd, subtotal: money(50968n, usd), tax: money(3695n, usd), total: money(54663n, usd) },
      ],
    },
    {
      runId,
      groupingKey: 'group-b',
      chunkIndex: 0,
      invoiceIds: ['inv-b'],
      billingSchedulesProcessed: 0,
      billingSchedulesFailed: 1,
      invoicesGenerated: 1,
      invoicesFailed: 1,
      invoiceStatus: 'Error',
      amounts: [],
    },
  ];
  return foldGroupOutcomes(emptyRunProgress(runId), withFailure ? outcomes : outcomes.slice(0, 1)).progress;
}

/** A run through every stage; it ends Failed when one of its two groups failed, else Completed. */
export function runThroughEveryStage(runId: string, withFailure: boolean): InvoiceBatchRunEvent[] {
  const progress = generationProgress(runId, withFailure);
  return runHistory(
    { type: 'RequestInvoiceBatchRun', request: runRequest(runId) },
    { type: 'StartBillingSchedulesFiltering', runId, startedAt: minute(1) },
    {
      type: 'RecordBillingSchedulesFilteringProgress',
      runId,
      counts: {
        ...filteringCounts,
        billingSchedulesScanned: 1,
        billingSchedulesSelected: 1,
        excludedByReason: excludedByReason({}),
      },
      recordedAt: minute(2),
    },
    {
      type: 'CompleteBillingSchedulesFiltering',
      runId,
      counts: filteringCounts,
      groupsExpected: withFailure ? 2 : 1,
      completedAt: minute(3),
    },
    { type: 'StartInvoiceGeneration', runId, startedAt: minute(4) },
    { type: 'RecordInvoiceGenerationProgress', runId, progress, recordedAt: minute(5) },
    { type: 'CompleteInvoiceGeneration', runId, progress, completedAt: minute(6) },
    { type: 'StartSummarization', runId, startedAt: minute(7) },
    { type: 'CompleteInvoiceBatchRun', runId, completedAt: minute(8) },
  );
}
