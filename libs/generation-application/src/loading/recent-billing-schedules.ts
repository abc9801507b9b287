import type { EventStore } from '@invoice-engine/event-store';
import { loadBillingSchedules, type LoadedBillingSchedule } from './billing-schedule-streams';

/** How many schedules a cache keeps unless told otherwise (the service's bound is a setting). */
export const DEFAULT_RECENT_BILLING_SCHEDULES = 20_000;

/** A kept schedule no completion asked for within this time (its tax result went elsewhere) may go. */
const EXPIRES_AFTER_MS = 10 * 60_000;

interface Kept {
  readonly schedule: LoadedBillingSchedule;
  readonly keptAt: number;
}

/**
 * The billing schedules of the invoices a work item started, kept until the invoice's tax result
 * comes back: completing the invoice needs the same schedules, and nothing of this service writes to
 * them in between. Reading them again cost a query and a fold per schedule (a second read of every
 * invoiced schedule of a run).
 *
 * Only the completion step reads from here; the work item step always reads the store. A schedule
 * another writer changed in between is caught by the expected revision of the completion's append:
 * the completion forgets its schedules whatever happens (appended to, or possibly stale), so the
 * retry reads them fresh.
 *
 * Bounded: when full, schedules already kept stay (their results come back first, in about the order
 * the work items were handled) and new ones are not kept, except that entries kept longer than ten
 * minutes make room (a result that went to another instance after a rebalance).
 */
export class RecentBillingSchedules {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly maxEntries: number = DEFAULT_RECENT_BILLING_SCHEDULES,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0)
      throw new Error(`maxEntries must be a whole number ≥ 0, not ${maxEntries}`);
  }

  get size(): number {
    return this.kept.size;
  }

  remember(schedules: readonly LoadedBillingSchedule[]): void {
    const keptAt = this.now();
    if (this.kept.size + schedules.length > this.maxEntries) this.dropExpired(keptAt);
    for (const schedule of schedules) {
      this.kept.delete(schedule.billingScheduleId);
      if (this.kept.size >= this.maxEntries) return;
      this.kept.set(schedule.billingScheduleId, { schedule, keptAt });
    }
  }

  forget(billingScheduleIds: readonly string[]): void {
    for (const id of billingScheduleIds) this.kept.delete(id);
  }

  /** The schedules in the order of the ids: kept ones as kept, the others read with one `readStreams`. */
  async load(
    eventStore: EventStore,
    billingScheduleIds: readonly string[],
  ): Promise<LoadedBillingSchedule[]> {
    const missing = billingScheduleIds.filter((id) => !this.kept.has(id));
    const read = missing.length === 0 ? [] : await loadBillingSchedules(eventStore, missing);
    const loaded = new Map(read.map((schedule) => [schedule.billingScheduleId, schedule]));
    return billingScheduleIds.map((id) => {
      const schedule = this.kept.get(id)?.schedule ?? loaded.get(id);
      if (schedule === undefined) throw new Error(`billing schedule ${id} was neither kept nor read`);
      return schedule;
    });
  }

  /** Entries are in the order they were kept: the expired ones are at the front. */
  private dropExpired(now: number): void {
    for (const [id, { keptAt }] of this.kept) {
      if (now - keptAt < EXPIRES_AFTER_MS) return;
      this.kept.delete(id);
    }
  }
}
