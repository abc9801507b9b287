import { recordsFromJson, ScheduleLoader, type LoadProblem } from '@invoice-engine/billing-read-models';
import { deterministicId, instant } from '@invoice-engine/kernel';
import { createAppLogger, SettableClock } from '@invoice-engine/runtime';
import { RateTableTaxEngine } from '@invoice-engine/tax';
import pino from 'pino';
import type { EmbeddedBatchRunInput, EmbeddedBatchRunResult } from './embedded-batch-run';
import { startEmbeddedEngine, type EmbeddedEngine } from './embedded-engine';
import { finishedRunResult } from './finished-run-result';
import { waitForRunToFinish } from './run-completion';

/** The schedule loader refused the schedules (nothing was loaded); every problem is listed. */
export class ScheduleLoadRejectedError extends Error {
  override readonly name = 'ScheduleLoadRejectedError';

  constructor(readonly problems: readonly LoadProblem[]) {
    super(
      `The billing schedules were refused: ${problems
        .map(
          (problem) =>
            `row ${problem.row}${problem.field === '' ? '' : `, ${problem.field}`}: ${problem.reason}`,
        )
        .join('; ')}`,
    );
  }
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

async function runOn(engine: EmbeddedEngine, input: EmbeddedBatchRunInput, clock: SettableClock) {
  const timeoutMs = input.tuning?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  input.onProgress?.({ phase: 'LoadingSchedules', schedules: input.schedules.length });
  // The same reading and loader as the schedule-loader app: every row validated, then one creation event each.
  const { records, problems } = recordsFromJson(JSON.stringify(input.schedules));
  const loaded = await new ScheduleLoader(engine.eventStore, clock).load(
    deterministicId('embedded-schedule-load', input.org.today),
    records,
    problems,
  );
  if (loaded.outcome === 'Rejected') throw new ScheduleLoadRejectedError(loaded.problems);
  // The same request handler as the scheduling service's API.
  const { runId } = await engine.requestRun.handle({
    runId: input.runId ?? null,
    criteria: input.run.criteria,
    targetDate: input.run.targetDate,
    invoiceDate: input.run.invoiceDate,
    invoiceStatus: input.run.invoiceStatus,
    billingPeriodCount: input.run.billingPeriodCount,
    trigger: { type: 'AdHoc', requestedBy: 'embedded' },
  });
  const finished = await waitForRunToFinish(engine.bus, engine.eventStore, runId, {
    timeoutMs,
    pollMs: 200,
    ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
  });
  input.onProgress?.({ phase: 'ReadingResults', runId });
  return finishedRunResult(engine, finished, timeoutMs);
}

/**
 * One invoice batch run on a bare machine: boots the embedded engine (PGlite, in-process bus, the
 * service modules of the distributed mode), loads the schedules through the schedule loader, requests
 * the run through the scheduling service's request handler, waits until the run has completed or failed
 * and the read models show it, and returns what it produced. The engine is closed afterwards.
 */
export async function runBatchRunEmbedded(input: EmbeddedBatchRunInput): Promise<EmbeddedBatchRunResult> {
  const clock = new SettableClock(instant(`${input.org.today}T00:00:00.000Z`));
  input.onProgress?.({ phase: 'StartingEngine' });
  const engine = await startEmbeddedEngine({
    dataDirectory: input.tuning?.dataDirectory ?? null,
    clock,
    taxEngine: new RateTableTaxEngine(input.taxRates),
    paymentTerms: input.paymentTerms,
    org: {
      defaultCurrency: input.org.defaultCurrency,
      maxTargetDateOffsetMonths: input.org.maxTargetDateOffsetMonths,
    },
    linesPerInvoice: input.org.maxLinesPerInvoice,
    logger: input.tuning?.logger ?? createAppLogger('embedded', 'warn', pino.destination(2)),
    filteringProgressEvery: input.tuning?.filteringProgressEvery ?? 1000,
    generationCheckpointEvery: input.tuning?.generationCheckpointEvery ?? 10,
  });
  try {
    return await runOn(engine, input, clock);
  } finally {
    await engine.close();
  }
}
