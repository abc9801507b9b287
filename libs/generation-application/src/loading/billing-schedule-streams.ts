import {
  billingScheduleDecider,
  type BillingScheduleDeciderState,
  type BillingScheduleEvent,
} from '@invoice-engine/billing-schedules';
import type { EventStore, ExpectedRevision } from '@invoice-engine/event-store';
import { foldEvents, StreamCategory, streamName, type StreamName } from '@invoice-engine/kernel';

/** One billing schedule as its stream says, with the revision to append after. */
export interface LoadedBillingSchedule {
  readonly billingScheduleId: string;
  readonly stream: StreamName;
  readonly state: BillingScheduleDeciderState;
  readonly revision: ExpectedRevision;
}

async function loadOne(eventStore: EventStore, billingScheduleId: string): Promise<LoadedBillingSchedule> {
  const stream = streamName(StreamCategory.BillingSchedule, billingScheduleId);
  const recorded = await eventStore.readStream(stream);
  const events = recorded.map((event) => ({ type: event.type, data: event.data }) as BillingScheduleEvent);
  const last = recorded.at(-1);
  return {
    billingScheduleId,
    stream,
    state: foldEvents(billingScheduleDecider, events),
    revision: last === undefined ? 'no-stream' : last.revision,
  };
}

/**
 * Loads and folds the streams of many billing schedules, at most `concurrency` reads at a time (a
 * chunk holds up to 2,000 schedules; unbounded, it would take every connection of the pool). The
 * result keeps the order of `billingScheduleIds`.
 */
export async function loadBillingSchedules(
  eventStore: EventStore,
  billingScheduleIds: readonly string[],
  concurrency: number,
): Promise<readonly LoadedBillingSchedule[]> {
  const loaded: LoadedBillingSchedule[] = new Array<LoadedBillingSchedule>(billingScheduleIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < billingScheduleIds.length) {
      const index = next;
      next += 1;
      loaded[index] = await loadOne(eventStore, billingScheduleIds[index] as string);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, billingScheduleIds.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return loaded;
}
