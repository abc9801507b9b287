import {
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
  type StreamRevision,
} from '@invoice-engine/event-store';
import {
  evolveInvoiceBatchRun,
  initialInvoiceBatchRunState,
  invoiceBatchRunDecider,
  invoiceBatchRunEventSchemaVersion,
  stageIndex,
  stagePosition,
  upcastInvoiceBatchRunEvent,
  type InvoiceBatchRunCommand,
  type InvoiceBatchRunEvent,
  type InvoiceBatchRunState,
  type StatusSubtype,
} from '@invoice-engine/invoice-batch-runs';
import { StreamCategory, streamName } from '@invoice-engine/kernel';
import { CONFLICT_ATTEMPTS } from './conflict-retry';
import { eventsToAppend, nextRevision, type AppendContext } from './event-envelopes';

export function invoiceBatchRunStream(runId: string): string {
  return streamName(StreamCategory.InvoiceBatchRun, runId);
}

/** A run as its stream holds it: the folded state, the revision to append at, and the recorded events. */
export interface LoadedInvoiceBatchRun {
  readonly runId: string;
  readonly stream: string;
  readonly state: InvoiceBatchRunState;
  readonly revision: StreamRevision | 'no-stream';
  readonly events: readonly RecordedEvent[];
}

/** The store holds what the decider emitted, at the schema version of its time: read as current. */
function asRunEvent(event: RecordedEvent): InvoiceBatchRunEvent {
  return upcastInvoiceBatchRunEvent(event.type, event.schemaVersion, event.data);
}

export async function loadInvoiceBatchRun(store: EventStore, runId: string): Promise<LoadedInvoiceBatchRun> {
  const stream = invoiceBatchRunStream(runId);
  const events = await store.readStream(stream);
  const state = events.map(asRunEvent).reduce(evolveInvoiceBatchRun, initialInvoiceBatchRunState());
  const last = events.at(-1);
  return { runId, stream, state, revision: last === undefined ? 'no-stream' : last.revision, events };
}

/** The events of several commands decided one after the other, each on the state the previous left. */
export function decideRunCommands(
  state: InvoiceBatchRunState,
  commands: readonly InvoiceBatchRunCommand[],
): { readonly events: readonly InvoiceBatchRunEvent[]; readonly state: InvoiceBatchRunState } {
  let current = state;
  const events: InvoiceBatchRunEvent[] = [];
  for (const command of commands) {
    const decided = invoiceBatchRunDecider.decide(command, current);
    current = decided.reduce(evolveInvoiceBatchRun, current);
    events.push(...decided);
  }
  return { events, state: current };
}

/**
 * Decides the commands on the loaded run and appends what they emit at its revision (nothing when they
 * emit nothing). Returns the run as it is now; its `events` stay those that were loaded.
 */
export async function appendRunCommands(
  store: EventStore,
  run: LoadedInvoiceBatchRun,
  commands: readonly InvoiceBatchRunCommand[],
  context: AppendContext,
): Promise<LoadedInvoiceBatchRun> {
  const { events, state } = decideRunCommands(run.state, commands);
  if (events.length === 0) return run;
  const envelopes = eventsToAppend(run.stream, nextRevision(run.revision), events, context).map(
    (envelope, index) => ({ ...envelope, schemaVersion: runEventSchemaVersion(events[index]) }),
  );
  const result = await store.append(run.stream, envelopes, run.revision);
  return { ...run, state, revision: result.nextExpectedRevision };
}

/**
 * `appendRunCommands` on the run as the caller holds it; when another writer got there first, reloads
 * and decides again (a few times), so a long-running handler need not reload before every append.
 */
export async function appendRunCommandsReloading(
  store: EventStore,
  run: LoadedInvoiceBatchRun,
  commands: readonly InvoiceBatchRunCommand[],
  context: AppendContext,
): Promise<LoadedInvoiceBatchRun> {
  let current = run;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await appendRunCommands(store, current, commands, context);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_ATTEMPTS) throw error;
      current = await loadInvoiceBatchRun(store, run.runId);
    }
  }
}

function runEventSchemaVersion(event: InvoiceBatchRunEvent | undefined): number {
  if (event === undefined) throw new Error('an envelope without its run event');
  return invoiceBatchRunEventSchemaVersion(event.type);
}

/** Where a run is on the path of DOMAIN.md section 4, compared with one stage: has it reached it? */
export function hasReached(state: InvoiceBatchRunState, subtype: StatusSubtype): boolean {
  return state.status !== 'NotRequested' && stagePosition(state) >= stageIndex(subtype);
}
