import type { EventStore, GlobalPosition } from '@invoice-engine/event-store';
import type { InvoiceBatchRunState } from '@invoice-engine/invoice-batch-runs';
import { loadInvoiceBatchRun } from '@invoice-engine/run-application';
import { setTimeout as sleep } from 'node:timers/promises';
import { Topics } from '@invoice-engine/contracts';
import type { InProcessBus } from '../bus/in-process-bus';
import type { InProcessConsumer } from '../bus/in-process-consumer';
import { embeddedMessageClasses } from './embedded-engine';
import type { DeadLetter } from '../bus/dead-letters';
import type { EmbeddedRunProgress } from './embedded-batch-run';

export type FinishedRunState = Extract<InvoiceBatchRunState, { readonly status: 'Completed' | 'Failed' }>;

/** The bus settled but the run did not finish (a message was dead-lettered), or it took too long. */
export class EmbeddedRunNotFinishedError extends Error {
  override readonly name = 'EmbeddedRunNotFinishedError';

  constructor(
    readonly runId: string,
    readonly reached: string,
    readonly deadLetters: readonly DeadLetter[],
    cause: string,
  ) {
    const letters = deadLetters.map((letter) => `${letter.topic} (${letter.kind}): ${letter.reason}`);
    super(
      `Run ${runId} did not finish (${cause}); it reached ${reached}.` +
        (letters.length === 0 ? '' : ` Dead letters: ${letters.join('; ')}`),
    );
  }
}

function isFinished(state: InvoiceBatchRunState): state is FinishedRunState {
  return state.status === 'Completed' || state.status === 'Failed';
}

function progressOf(runId: string, state: InvoiceBatchRunState): EmbeddedRunProgress {
  if (state.status === 'NotRequested') {
    return {
      phase: 'Running',
      runId,
      statusSubtype: null,
      schedulesScanned: 0,
      schedulesSelected: 0,
      groupsExpected: 0,
      groupsDone: 0,
      groupsFailed: 0,
    };
  }
  const { run } = state;
  const counts = run.generation.counts;
  return {
    phase: 'Running',
    runId,
    statusSubtype: run.stages.at(-1)?.statusSubtype ?? null,
    schedulesScanned: run.filtering.billingSchedulesScanned,
    schedulesSelected: run.filtering.billingSchedulesSelected,
    groupsExpected: run.groupsExpected,
    groupsDone: counts.groupsCompleted,
    groupsFailed: counts.groupsFailed,
  };
}

function stageReached(state: InvoiceBatchRunState): string {
  if (state.status === 'NotRequested') return 'nothing (no run stream)';
  return state.run.stages.at(-1)?.statusSubtype ?? 'the request (filtering never started)';
}

export interface FinishedRun {
  readonly state: FinishedRunState;
  /** Position of the run's request, its first event: nothing the run wrote comes before it. */
  readonly requestPosition: GlobalPosition;
  /** Position of the run's last event: nothing the run wrote comes after it. */
  readonly lastPosition: GlobalPosition;
}

/** The topics whose messages mark a run's progress: its request, its work items and its group outcomes. */
const PROGRESS_TOPICS = [Topics.InvoiceBatchRuns, Topics.GroupWork, Topics.GroupResults];

/**
 * Reports progress whenever a run message passes on the bus, at most every `everyMs`. A timer alone
 * is not enough: the pipeline is one long chain of promises (PGlite answers without real I/O), which
 * starves timers until the run ends, while a consumer of its own gets a turn with every message.
 */
function observeProgress(bus: InProcessBus, report: () => Promise<void>, everyMs: number): InProcessConsumer {
  const classes = embeddedMessageClasses();
  let last = 0;
  const handler = async (): Promise<void> => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    await report();
  };
  return bus.subscribe({
    groupId: 'embedded-progress',
    subscriptions: PROGRESS_TOPICS.map((topic) => ({
      topic,
      handler,
      ...(classes[topic] === undefined ? {} : { messageClasses: classes[topic] }),
    })),
  });
}

/**
 * Waits until the run has completed or failed: the bus has handled every message (`idle()`) and the run
 * stream ends with `InvoiceBatchRunCompleted`/`Failed`. Meanwhile it reports progress from the run
 * stream. If the bus settles first, something was dead-lettered: that is an error.
 */
export async function waitForRunToFinish(
  bus: InProcessBus,
  eventStore: EventStore,
  runId: string,
  options: {
    readonly timeoutMs: number;
    readonly pollMs: number;
    readonly onProgress?: (progress: EmbeddedRunProgress) => void;
  },
): Promise<FinishedRun> {
  const { onProgress } = options;
  const observer =
    onProgress === undefined
      ? null
      : observeProgress(
          bus,
          async () => onProgress(progressOf(runId, (await loadInvoiceBatchRun(eventStore, runId)).state)),
          options.pollMs,
        );
  try {
    return await pollUntilFinished(bus, eventStore, runId, options);
  } finally {
    await observer?.stop();
  }
}

async function pollUntilFinished(
  bus: InProcessBus,
  eventStore: EventStore,
  runId: string,
  options: {
    readonly timeoutMs: number;
    readonly pollMs: number;
    readonly onProgress?: (progress: EmbeddedRunProgress) => void;
  },
): Promise<FinishedRun> {
  const deadline = Date.now() + options.timeoutMs;
  let settled = false;
  const idle = bus.idle().then(() => {
    settled = true;
  });
  for (;;) {
    await Promise.race([idle, sleep(options.pollMs)]);
    const loaded = await loadInvoiceBatchRun(eventStore, runId);
    options.onProgress?.(progressOf(runId, loaded.state));
    const [first] = loaded.events;
    const last = loaded.events.at(-1);
    if (isFinished(loaded.state) && first !== undefined && last !== undefined) {
      return { state: loaded.state, requestPosition: first.position, lastPosition: last.position };
    }
    const reached = stageReached(loaded.state);
    if (settled) {
      throw new EmbeddedRunNotFinishedError(runId, reached, bus.deadLetters(), 'every message was handled');
    }
    if (Date.now() > deadline) {
      throw new EmbeddedRunNotFinishedError(
        runId,
        reached,
        bus.deadLetters(),
        `timed out after ${options.timeoutMs} ms`,
      );
    }
  }
}
