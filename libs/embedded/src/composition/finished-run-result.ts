import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import type { EventStore } from '@invoice-engine/event-store';
import type { DataSource } from 'typeorm';
import type { EmbeddedBatchRunResult } from './embedded-batch-run';
import { waitForProjections } from './projections-caught-up';
import { readBillingSchedules, readRunErrors, readRunInvoices } from './read-model-results';
import type { FinishedRun } from './run-completion';
import { runExclusions } from './run-exclusions';

/** Where a finished run's result is read from: the event store, the read models and the schedule source. */
export interface RunResultSources {
  readonly eventStore: EventStore;
  readonly readModels: DataSource;
  readonly scheduleSource: BillingScheduleSource;
}

/**
 * The result of a finished run as the scenario runner prints it: waits for the projections to reach the
 * run's last event, then reads the run, its invoices, every schedule, the exclusions and the errors.
 */
export async function finishedRunResult(
  sources: RunResultSources,
  finished: FinishedRun,
  timeoutMs: number,
): Promise<EmbeddedBatchRunResult> {
  const { eventStore, readModels, scheduleSource } = sources;
  await waitForProjections(eventStore, readModels, finished, timeoutMs);
  const { state } = finished;
  const { runId } = state.run.request;
  return {
    run: {
      runId,
      status: state.status,
      statusSubtype: state.statusSubtype,
      stages: state.run.stages.map((stage) => stage.statusSubtype),
      summary: state.summary,
    },
    invoices: await readRunInvoices(readModels, runId),
    billingSchedules: await readBillingSchedules(readModels),
    excluded: await runExclusions(
      scheduleSource,
      eventStore,
      state.run.request,
      state.summary.excludedByReason,
    ),
    errors: await readRunErrors(readModels, runId),
  };
}
