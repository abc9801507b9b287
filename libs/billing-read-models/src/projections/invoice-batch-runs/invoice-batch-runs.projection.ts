import type { RecordedEvent } from '@invoice-engine/event-store';
import type { InvoiceBatchRunEvent, StatusSubtype } from '@invoice-engine/invoice-batch-runs';
import { assertNever, type Instant } from '@invoice-engine/kernel';
import { upsertRows, type Projection, type Row, type RowOperation } from '@invoice-engine/read-models';
import { jsonColumn } from '../column-values';
import { eventTypesOf, narrowTo, type RecordedDomainEvent } from '../recorded-domain-event';
import {
  filteringColumns,
  generationColumns,
  generationCountsJson,
  requestColumns,
  summaryColumns,
  summaryJson,
} from './run-columns';

export const invoiceBatchRunEventTypes = eventTypesOf<InvoiceBatchRunEvent>({
  InvoiceBatchRunRequested: true,
  BillingSchedulesFilteringStarted: true,
  BillingSchedulesFilteringProgressed: true,
  BillingSchedulesFilteringCompleted: true,
  InvoiceGenerationStarted: true,
  InvoiceGenerationProgressed: true,
  InvoiceGenerationCompleted: true,
  SummarizationStarted: true,
  InvoiceBatchRunCompleted: true,
  InvoiceBatchRunFailed: true,
  InvoiceBatchRunCanceled: true,
});

export const InvoiceBatchRunTables = {
  Runs: 'invoice_batch_runs',
  Stages: 'invoice_batch_run_stages',
} as const;

type RunEvent = RecordedDomainEvent<InvoiceBatchRunEvent>;

function updateRun(event: RunEvent, columns: Row): RowOperation {
  return upsertRows(
    InvoiceBatchRunTables.Runs,
    ['run_id'],
    [{ run_id: event.data.runId, ...columns, last_position: event.position }],
    'last_position',
  );
}

/** One stage history row per run event that reports a status subtype, keyed by its stream revision. */
function stage(
  event: RunEvent,
  statusSubtype: StatusSubtype,
  occurredAt: Instant,
  counts: unknown,
): RowOperation {
  const row = {
    run_id: event.data.runId,
    revision: event.revision,
    status_subtype: statusSubtype,
    event_type: event.type,
    occurred_at: occurredAt,
    counts: jsonColumn(counts),
    last_position: event.position,
  };
  return upsertRows(InvoiceBatchRunTables.Stages, ['run_id', 'revision'], [row], 'last_position');
}

/** A run event that moves the run to `statusSubtype`: the run's columns and a stage row. */
function reached(
  event: RunEvent,
  statusSubtype: StatusSubtype,
  occurredAt: Instant,
  columns: Row,
  counts: unknown,
): readonly RowOperation[] {
  return [
    updateRun(event, { status_subtype: statusSubtype, ...columns }),
    stage(event, statusSubtype, occurredAt, counts),
  ];
}

function runRows(event: RunEvent): readonly RowOperation[] {
  switch (event.type) {
    case 'InvoiceBatchRunRequested':
      return [updateRun(event, requestColumns(event.data))];
    case 'BillingSchedulesFilteringStarted': {
      const at = event.data.startedAt;
      return reached(
        event,
        'BillingSchedulesFilteringStarted',
        at,
        { started_at: at, filtering_started_at: at },
        {},
      );
    }
    case 'BillingSchedulesFilteringProgressed': {
      const { counts, recordedAt } = event.data;
      return reached(
        event,
        'BillingSchedulesFilteringInProgress',
        recordedAt,
        filteringColumns(counts),
        counts,
      );
    }
    case 'BillingSchedulesFilteringCompleted': {
      const { counts, groupsExpected, completedAt } = event.data;
      const columns = {
        ...filteringColumns(counts),
        groups_expected: groupsExpected,
        filtering_completed_at: completedAt,
      };
      return reached(event, 'BillingSchedulesFilteringCompleted', completedAt, columns, {
        ...counts,
        groupsExpected,
      });
    }
    case 'InvoiceGenerationStarted': {
      const { groupsExpected, startedAt } = event.data;
      const columns = { groups_expected: groupsExpected, generation_started_at: startedAt };
      return reached(event, 'InvoiceGenerationStarted', startedAt, columns, { groupsExpected });
    }
    case 'InvoiceGenerationProgressed': {
      const { counts, groupsExpected, recordedAt } = event.data;
      const columns = { ...generationColumns(counts), groups_expected: groupsExpected };
      const snapshot = { ...generationCountsJson(counts), groupsExpected };
      return reached(event, 'InvoiceGenerationInProgress', recordedAt, columns, snapshot);
    }
    case 'InvoiceGenerationCompleted': {
      const { counts, completedAt } = event.data;
      const columns = { ...generationColumns(counts), generation_completed_at: completedAt };
      return reached(event, 'InvoiceGenerationCompleted', completedAt, columns, generationCountsJson(counts));
    }
    case 'SummarizationStarted': {
      const at = event.data.startedAt;
      return reached(
        event,
        'InvoiceGenerationSummarizationInProgress',
        at,
        { summarization_started_at: at },
        {},
      );
    }
    case 'InvoiceBatchRunCompleted': {
      const { summary, completedAt } = event.data;
      const columns = { status: 'Completed', ...summaryColumns(summary), completed_at: completedAt };
      return reached(event, 'Completed', completedAt, columns, summaryJson(summary));
    }
    case 'InvoiceBatchRunFailed': {
      const { summary, groupsFailed, failedAt } = event.data;
      const columns = {
        status: 'Failed',
        ...summaryColumns(summary),
        groups_failed: groupsFailed,
        completed_at: failedAt,
      };
      return reached(event, 'Failed', failedAt, columns, { ...summaryJson(summary), groupsFailed });
    }
    case 'InvoiceBatchRunCanceled': {
      const { canceledBy, reason, canceledAt } = event.data;
      // Canceled is a status, not a status subtype: the subtype stays where the run stopped.
      return [
        updateRun(event, {
          status: 'Canceled',
          canceled_by: canceledBy,
          cancel_reason: reason,
          completed_at: canceledAt,
        }),
      ];
    }
    default:
      return assertNever(event, 'invoice batch run event');
  }
}

/** `invoice_batch_runs` (status, subtype, request, counts, totals, stage timings) and the stage history. */
export const invoiceBatchRunsProjection: Projection = {
  name: 'invoice-batch-runs',
  eventTypes: invoiceBatchRunEventTypes,
  tables: Object.values(InvoiceBatchRunTables),
  fold: (events) =>
    events.flatMap((event: RecordedEvent) =>
      runRows(narrowTo<InvoiceBatchRunEvent>(invoiceBatchRunEventTypes, event)),
    ),
};
