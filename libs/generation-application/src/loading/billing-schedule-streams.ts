import {
  billingScheduleDecider,
  type BillingScheduleDeciderState,
  type BillingScheduleEvent,
} from '@invoice-engine/billing-schedules';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@invoice-engine/event-store';
import { foldEvents, StreamCategory, streamName, type StreamName } from '@invoice-engine/kernel';

/** One billing schedule as its stream says, with the revision to append after. */
export interface LoadedBillingSchedule {
  readonly billingScheduleId: string;
  readonly stream: StreamName;
  readonly state: BillingScheduleDeciderState;
  readonly revision: ExpectedRevision;
}

export function billingScheduleStream(billingScheduleId: string): StreamName {
  return streamName(StreamCategory.BillingSchedule, billingScheduleId);
}

/** Folds the events read from one billing schedule's stream (none: the schedule does not exist). */
export function billingScheduleOf(
  billingScheduleId: string,
  recorded: readonly RecordedEvent[],
): LoadedBillingSchedule {
  const events = recorded.map((event) => ({ type: event.type, data: event.data }) as BillingScheduleEvent);
  const last = recorded.at(-1);
  return {
    billingScheduleId,
    stream: billingScheduleStream(billingScheduleId),
    state: foldEvents(billingScheduleDecider, events),
    revision: last === undefined ? 'no-stream' : last.revision,
  };
}

/** The billing schedules of `billingScheduleIds` from streams already read, in the order of the ids. */
export function billingSchedulesOf(
  billingScheduleIds: readonly string[],
  read: ReadonlyMap<string, readonly RecordedEvent[]>,
): readonly LoadedBillingSchedule[] {
  return billingScheduleIds.map((id) => billingScheduleOf(id, read.get(billingScheduleStream(id)) ?? []));
}

/**
 * Loads and folds the streams of many billing schedules with one `readStreams` (a chunk holds up to
 * 2,000 schedules: one query on PostgreSQL instead of one per schedule). The result keeps the order
 * of `billingScheduleIds`.
 */
export async function loadBillingSchedules(
  eventStore: EventStore,
  billingScheduleIds: readonly string[],
): Promise<readonly LoadedBillingSchedule[]> {
  const read = await eventStore.readStreams(billingScheduleIds.map(billingScheduleStream));
  return billingSchedulesOf(billingScheduleIds, read);
}
