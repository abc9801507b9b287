import { assertNever, type Instant } from '@invoice-engine/kernel';
import { noFilteringCounts, type FilteringCounts } from './filtering-counts';
import type { InvoiceBatchRunEvent } from './invoice-batch-run-events';
import type { InvoiceBatchRunRequest } from './run-request';
import { emptyRunProgress, type RunProgress } from './run-progress';
import type { InvoiceBatchRunSummary } from './run-summary';
import type { InProgressStatusSubtype, StageReached, StatusSubtype } from './status-subtype';

/**
 * What every requested run knows.
 * - `stages`: the status subtypes passed, in order, each with the time it was reached.
 * - `filtering`: the latest filtering counts; `groupsExpected`: work items published (0 until filtering completes).
 * - `generation`: the fold of group outcomes as of the latest checkpoint.
 */
export interface RunRecord {
  readonly request: InvoiceBatchRunRequest;
  readonly stages: readonly StageReached[];
  readonly filtering: FilteringCounts;
  readonly groupsExpected: number;
  readonly generation: RunProgress;
}

/**
 * A run's state. `Requested` is shown to users as `Started` with no subtype yet: the run exists,
 * filtering has not begun.
 */
export type InvoiceBatchRunState =
  | { readonly status: 'NotRequested' }
  | { readonly status: 'Requested'; readonly run: RunRecord }
  | { readonly status: 'Started'; readonly statusSubtype: InProgressStatusSubtype; readonly run: RunRecord }
  | {
      readonly status: 'Completed' | 'Failed';
      readonly statusSubtype: 'Completed' | 'Failed';
      readonly run: RunRecord;
      readonly summary: InvoiceBatchRunSummary;
    }
  | {
      readonly status: 'Canceled';
      readonly run: RunRecord;
      readonly canceledBy: string;
      readonly canceledAt: Instant;
    };

export type RequestedRunState = Exclude<InvoiceBatchRunState, { readonly status: 'NotRequested' }>;

export function initialInvoiceBatchRunState(): InvoiceBatchRunState {
  return { status: 'NotRequested' };
}

function requested(state: InvoiceBatchRunState, event: InvoiceBatchRunEvent): RequestedRunState {
  if (state.status === 'NotRequested') {
    throw new Error(`${event.type} before InvoiceBatchRunRequested: the run stream is corrupt`);
  }
  return state;
}

/** Moves a run to an in-progress subtype, recording the stage only when the subtype changes. */
function reach(run: RunRecord, current: StatusSubtype | null, next: StatusSubtype, at: Instant): RunRecord {
  return current === next ? run : { ...run, stages: [...run.stages, { statusSubtype: next, at }] };
}

function currentSubtype(state: RequestedRunState): StatusSubtype | null {
  return state.status === 'Started' || state.status === 'Completed' || state.status === 'Failed'
    ? state.statusSubtype
    : null;
}

function started(state: RequestedRunState, subtype: InProgressStatusSubtype, run: RunRecord, at: Instant) {
  return {
    status: 'Started',
    statusSubtype: subtype,
    run: reach(run, currentSubtype(state), subtype, at),
  } as const;
}

export function evolveInvoiceBatchRun(
  state: InvoiceBatchRunState,
  event: InvoiceBatchRunEvent,
): InvoiceBatchRunState {
  if (event.type === 'InvoiceBatchRunRequested') {
    const run: RunRecord = {
      request: event.data,
      stages: [],
      filtering: noFilteringCounts(),
      groupsExpected: 0,
      generation: emptyRunProgress(event.data.runId),
    };
    return { status: 'Requested', run };
  }
  const current = requested(state, event);
  const { run } = current;
  switch (event.type) {
    case 'BillingSchedulesFilteringStarted':
      return started(current, 'BillingSchedulesFilteringStarted', run, event.data.startedAt);
    case 'BillingSchedulesFilteringProgressed':
      return started(
        current,
        'BillingSchedulesFilteringInProgress',
        { ...run, filtering: event.data.counts },
        event.data.recordedAt,
      );
    case 'BillingSchedulesFilteringCompleted': {
      const { counts, groupsExpected, completedAt } = event.data;
      return started(
        current,
        'BillingSchedulesFilteringCompleted',
        { ...run, filtering: counts, groupsExpected },
        completedAt,
      );
    }
    case 'InvoiceGenerationStarted':
      return started(current, 'InvoiceGenerationStarted', run, event.data.startedAt);
    case 'InvoiceGenerationProgressed': {
      const generation: RunProgress = { runId: run.generation.runId, counts: event.data.counts };
      return started(current, 'InvoiceGenerationInProgress', { ...run, generation }, event.data.recordedAt);
    }
    case 'InvoiceGenerationCompleted':
      return started(current, 'InvoiceGenerationCompleted', run, event.data.completedAt);
    case 'SummarizationStarted':
      return started(current, 'InvoiceGenerationSummarizationInProgress', run, event.data.startedAt);
    case 'InvoiceBatchRunCompleted':
      return {
        status: 'Completed',
        statusSubtype: 'Completed',
        run: reach(run, currentSubtype(current), 'Completed', event.data.completedAt),
        summary: event.data.summary,
      };
    case 'InvoiceBatchRunFailed':
      return {
        status: 'Failed',
        statusSubtype: 'Failed',
        run: reach(run, currentSubtype(current), 'Failed', event.data.failedAt),
        summary: event.data.summary,
      };
    case 'InvoiceBatchRunCanceled':
      return {
        status: 'Canceled',
        run,
        canceledBy: event.data.canceledBy,
        canceledAt: event.data.canceledAt,
      };
    default:
      return assertNever(event, 'invoice batch run event');
  }
}
