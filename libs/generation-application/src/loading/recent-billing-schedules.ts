import type { EventStore } from '@invoice-engine/event-store';
import {
  billingSchedulesOf,
  billingScheduleStream,
  type LoadedBillingSchedule,
} from './billing-schedule-streams';

/** How many schedules are kept by default: the schedules of the invoices waiting for tax, with room. */
export const DEFAULT_RECENT_BILLING_SCHEDULES = 50_000;

/**
 * The billing schedules a work item loaded, kept until its tax result comes back: completing the
 * invoice needs the same schedules, and nothing of this service writes to them in between. Reading
 * them again cost a query and a fold per schedule (a second read of every schedule of a run).
 *
 * Only the completion step reads from here; the work item step always reads the store. A schedule
 * another writer changed in between is caught by the expected revision of the completion's append:
 * the conflict makes the caller forget the schedules and the retry reads them fresh. Whatever the
 * outcome, a completion forgets its schedules (they were appended to, or may be stale). Bounded: the
 * oldest entries go first.
 */
export class RecentBillingSchedules {
  private readonly schedules = new Map<string, LoadedBillingSchedule>();

  constructor(private readonly maxEntries: number = DEFAULT_RECENT_BILLING_SCHEDULES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0)
      throw new Error(`maxEntries must be a whole number ≥ 0, not ${maxEntries}`);
  }

  get size(): number {
    return this.schedules.size;
  }

  remember(schedules: readonly LoadedBillingSchedule[]): void {
    for (const schedule of schedules) {
      this.schedules.delete(schedule.billingScheduleId);
      this.schedules.set(schedule.billingScheduleId, schedule);
    }
    for (const oldest of this.schedules.keys()) {
      if (this.schedules.size <= this.maxEntries) break;
      this.schedules.delete(oldest);
    }
  }

  forget(billingScheduleIds: readonly string[]): void {
    for (const id of billingScheduleIds) this.schedules.delete(id);
  }

  /** The schedules in the order of the ids: kept ones as kept, the others read with one `readStreams`. */
  async load(
    eventStore: EventStore,
    billingScheduleIds: readonly string[],
  ): Promise<LoadedBillingSchedule[]> {
    const missing = billingScheduleIds.filter((id) => !this.schedules.has(id));
    const read =
      missing.length === 0 ? new Map() : await eventStore.readStreams(missing.map(billingScheduleStream));
    const loaded = new Map(
      billingSchedulesOf(missing, read).map((schedule) => [schedule.billingScheduleId, schedule]),
    );
    return billingScheduleIds.map((id) => {
      const schedule = this.schedules.get(id) ?? loaded.get(id);
      if (schedule === undefined) throw new Error(`billing schedule ${id} was neither kept nor read`);
      return schedule;
    });
  }
}
