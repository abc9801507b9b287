import {
  observeRun,
  waitForReadModelsToCatchUp,
  type PipelineEnvironment,
  type RunObservation,
} from '@invoice-engine/testing';
import { AS_OF, INVOICE_DATE } from './data-set';

/** Asks the scheduling API for a run of the data set's target and invoice dates; it must be accepted. */
export async function requestRun(
  environment: PipelineEnvironment,
  runId: string,
  invoiceStatus: 'Draft' | 'Posted',
): Promise<void> {
  const answer = await environment.api.requestRun({
    runId,
    targetDate: AS_OF,
    invoiceDate: INVOICE_DATE,
    invoiceStatus,
  });
  expect(answer).toEqual({ status: 202, body: { runId } });
}

/** Watches a requested run until it ends, then until the read models show everything it wrote. */
export async function observeRunToItsEnd(
  environment: PipelineEnvironment,
  runId: string,
  options: { readonly timeoutMs: number; readonly startedAt?: number },
): Promise<RunObservation> {
  const observation = await observeRun(environment.queries, runId, options);
  await waitForReadModelsToCatchUp(environment.queries, { timeoutMs: 60_000 });
  return observation;
}

/** Requests a run and watches it to its end (see `observeRunToItsEnd`). */
export async function runToEnd(
  environment: PipelineEnvironment,
  runId: string,
  invoiceStatus: 'Draft' | 'Posted',
): Promise<RunObservation> {
  const startedAt = Date.now();
  await requestRun(environment, runId, invoiceStatus);
  return observeRunToItsEnd(environment, runId, { timeoutMs: 180_000, startedAt });
}
