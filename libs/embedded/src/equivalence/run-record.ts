import { recordsFromJson, ScheduleLoader } from '@invoice-engine/billing-read-models';
import { deterministicId, type CalendarDate } from '@invoice-engine/kernel';
import type { Clock } from '@invoice-engine/runtime';
import type { EmbeddedRunRequest } from '../composition/embedded-batch-run';
import { finishedRunResult } from '../composition/finished-run-result';
import { ScheduleLoadRejectedError } from '../composition/run-batch-run-embedded';
import { scenarioOutput, type ScenarioOutput } from '../scenario/scenario-output';
import type { EngineUnderTest } from './engine-under-test';
import {
  COMPARED_TABLES,
  invoiceNumbersByLegalEntity,
  readComparedRows,
  type RowValues,
} from './read-model-rows';

/** What one mode made of a data set: the scenario runner's output and every read model the run wrote. */
export interface RunRecord {
  /** As `npm run scenario` prints it (DOMAIN.md section 7): run, summary, invoices, schedules, exclusions, errors. */
  readonly scenarioOutput: ScenarioOutput;
  /** Read-model rows by table, then by row key. */
  readonly readModels: Readonly<Record<string, Readonly<Record<string, RowValues>>>>;
  readonly invoiceNumbersByLegalEntity: Readonly<Record<string, readonly string[]>>;
}

export interface DataSetRun {
  readonly today: CalendarDate;
  /** As a JSON schedule file holds them. */
  readonly schedules: readonly Readonly<Record<string, unknown>>[];
  readonly run: EmbeddedRunRequest;
  /** The same id in both modes, so that invoice ids (derived from it) can be compared. */
  readonly runId: string;
}

/**
 * Runs the data set on an engine the way `runBatchRunEmbedded` does — the schedule loader, the
 * scheduling service's request handler, the mode's wait for the run's end, the projections caught up
 * — and reads back the scenario output and the read models.
 */
export async function recordRun(
  engine: EngineUnderTest,
  clock: Clock,
  input: DataSetRun,
  timeoutMs: number,
): Promise<RunRecord> {
  const { records, problems } = recordsFromJson(JSON.stringify(input.schedules));
  const loaded = await new ScheduleLoader(engine.eventStore, clock).load(
    deterministicId('embedded-schedule-load', input.today),
    records,
    problems,
  );
  if (loaded.outcome === 'Rejected') throw new ScheduleLoadRejectedError(loaded.problems);
  const { runId } = await engine.requestRun.handle({
    runId: input.runId,
    criteria: input.run.criteria,
    targetDate: input.run.targetDate,
    invoiceDate: input.run.invoiceDate,
    invoiceStatus: input.run.invoiceStatus,
    billingPeriodCount: input.run.billingPeriodCount,
    trigger: { type: 'AdHoc', requestedBy: 'embedded' },
  });
  const finished = await engine.waitForRun(runId, timeoutMs);
  const result = await finishedRunResult(engine, finished, timeoutMs);
  const readModels: Record<string, Record<string, RowValues>> = {};
  for (const compared of COMPARED_TABLES) {
    readModels[compared.table] = await readComparedRows(engine.readModels, compared, runId);
  }
  return {
    scenarioOutput: scenarioOutput(result),
    readModels,
    invoiceNumbersByLegalEntity: await invoiceNumbersByLegalEntity(engine.readModels, runId),
  };
}
