import type { EventStore } from '@invoice-engine/event-store';
import { loadInvoiceBatchRun } from '@invoice-engine/run-application';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FinishedRun } from '../composition/run-completion';

/**
 * Waits until the run stream ends with `InvoiceBatchRunCompleted` or `InvoiceBatchRunFailed`, reading it
 * every 250 ms. On Kafka there is no `idle()` to tell a stuck run from a slow one, so a run that has not
 * finished within `timeoutMs` is an error naming the stage it reached and what `describeStall` says
 * (the dead letters on the engine's topics).
 */
export async function waitForRunInEventStore(
  eventStore: EventStore,
  runId: string,
  timeoutMs: number,
  describeStall: () => Promise<string>,
): Promise<FinishedRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { state, events } = await loadInvoiceBatchRun(eventStore, runId);
    const [first] = events;
    const last = events.at(-1);
    if ((state.status === 'Completed' || state.status === 'Failed') && first && last) {
      return { state, requestPosition: first.position, lastPosition: last.position };
    }
    if (Date.now() > deadline) {
      const reached =
        state.status === 'NotRequested'
          ? 'no run stream'
          : (state.run.stages.at(-1)?.statusSubtype ?? 'the request');
      throw new Error(
        `Run ${runId} did not finish within ${timeoutMs} ms; it reached ${reached}; ${await describeStall()}`,
      );
    }
    await sleep(250);
  }
}
