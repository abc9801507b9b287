import { deterministicId, DomainError } from '@invoice-engine/kernel';
import { createHash } from 'node:crypto';
import type { EmbeddedEngineTuning } from '../composition/embedded-batch-run';
import { runBatchRunEmbedded, ScheduleLoadRejectedError } from '../composition/run-batch-run-embedded';
import { EmbeddedRunNotFinishedError } from '../composition/run-completion';
import { parseScenario, type ScenarioError } from './parse-scenario';
import { scenarioOutput, type ScenarioOutput } from './scenario-output';

export type ScenarioRunResult =
  | { readonly ok: true; readonly output: ScenarioOutput }
  | { readonly ok: false; readonly error: ScenarioError };

/** An error of the run itself (not of the file) as the `{error: {code, message}}` the runner prints. */
function runError(error: unknown): ScenarioError {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  if (error instanceof ScheduleLoadRejectedError) return { code: 'SCENARIO.INVALID', message: error.message };
  if (error instanceof EmbeddedRunNotFinishedError)
    return { code: 'EMBEDDED.RUN_NOT_FINISHED', message: error.message };
  throw error;
}

/**
 * Runs a scenario file's text through the embedded pipeline: parse and validate, then one batch run
 * with the scenario's org, rates, payment terms and schedules. A refused run (e.g. a target date past
 * the org's limit: `TARGET_DATE_OUT_OF_RANGE`, no run created) is an error result like an invalid file.
 */
export async function runScenario(
  text: string,
  tuning: EmbeddedEngineTuning = {},
): Promise<ScenarioRunResult> {
  const parsed = parseScenario(text);
  if (!parsed.ok) return parsed;
  const { scenario } = parsed;
  try {
    const result = await runBatchRunEmbedded({
      schedules: scenario.schedules,
      taxRates: scenario.taxRates,
      paymentTerms: scenario.paymentTerms,
      org: scenario.org,
      run: scenario.run,
      // The same scenario gives the same run id (whatever its layout or description), hence the same
      // invoice ids in error messages.
      runId: deterministicId(
        'scenario-run',
        createHash('sha256').update(JSON.stringify(scenario)).digest('hex'),
      ),
      tuning,
    });
    return { ok: true, output: scenarioOutput(result) };
  } catch (error) {
    return { ok: false, error: runError(error) };
  }
}
