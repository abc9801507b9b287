import type { EventStore } from '@invoice-engine/event-store';
import { DomainError, instant, type Instant } from '@invoice-engine/kernel';
import type { AppLogger, Clock } from '@invoice-engine/runtime';
import {
  invoiceBatchSchedulerDecider,
  nextFireTime,
  nextScheduledFireTime,
  type InvoiceBatchSchedulerFired,
  type InvoiceBatchSchedulerState,
} from '@invoice-engine/scheduling';
import type { RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';
import { eventsToAppend, nextRevision } from '../streams/event-envelopes';
import {
  loadInvoiceBatchScheduler,
  type LoadedInvoiceBatchScheduler,
} from './invoice-batch-scheduler-stream';
import type { LockedScheduler, SchedulerFireTimeIndex } from './scheduler-fire-time-index';
import { schedulerFireTimeOf } from './scheduler-fire-time-projector';

/** A firing the timer recorded (or found recorded) and the run it requested. */
export interface SchedulerFiring {
  readonly schedulerId: string;
  readonly fireTime: Instant;
  readonly runId: string;
}

/** Missed fire times the timer skips over at most; a year of minutes is far beyond any real outage. */
const MAX_MISSED_FIRE_TIMES = 100_000;

/**
 * The latest fire time in (indexed next fire time − 1 ms, now]: after downtime only the most recent
 * missed fire time fires (each run bills everything due up to its target date anyway).
 */
function latestDueFireTime(
  state: InvoiceBatchSchedulerState,
  indexed: Instant,
  now: Instant,
): Instant | null {
  if (state.status === 'NotCreated') return null;
  let latest: Instant | null = null;
  let after = instant(new Date(Date.parse(indexed) - 1).toISOString());
  for (let step = 0; step < MAX_MISSED_FIRE_TIMES; step += 1) {
    const candidate = nextScheduledFireTime(state.definition, after);
    if (candidate === null || Date.parse(candidate) > Date.parse(now)) break;
    latest = candidate;
    after = candidate;
  }
  return latest;
}

/**
 * The timer's tick: every Active scheduler whose next fire time has come fires exactly once, even
 * with several replicas. A replica takes the scheduler's advisory lock (others skip it), re-reads the
 * index row, records the firing through the decider with the expected revision (a firing at or before
 * the last one records nothing), requests the run with the firing's deterministic run id and moves the
 * index on, all before the lock is released. A crash in between leaves the row due: the next tick
 * finds the firing recorded and requests the same run again, which is idempotent.
 */
export class FireDueSchedulers {
  constructor(
    private readonly eventStore: EventStore,
    private readonly index: SchedulerFireTimeIndex,
    private readonly requestRun: RequestInvoiceBatchRun,
    private readonly clock: Clock,
    private readonly logger?: AppLogger,
    private readonly producer = 'scheduling',
  ) {}

  async tick(): Promise<readonly SchedulerFiring[]> {
    const now = this.clock.now();
    const firings: SchedulerFiring[] = [];
    for (const schedulerId of await this.index.due(now)) {
      const firing = await this.index.withLock(schedulerId, (locked) => this.fire(schedulerId, locked, now));
      if (firing) firings.push(firing);
    }
    return firings;
  }

  private async fire(
    schedulerId: string,
    locked: LockedScheduler,
    now: Instant,
  ): Promise<SchedulerFiring | null> {
    const indexed = await locked.nextFireTime();
    if (indexed === null || Date.parse(indexed) > Date.parse(now)) return null;
    let scheduler = await loadInvoiceBatchScheduler(this.eventStore, schedulerId);
    const fireTime = latestDueFireTime(scheduler.state, indexed, now);
    let firing: SchedulerFiring | null = null;
    if (fireTime !== null) {
      scheduler = await this.recordFiring(scheduler, fireTime, now);
      firing = await this.requestRunOf(scheduler, fireTime);
    }
    const row = schedulerFireTimeOf(scheduler);
    if (row !== null) await locked.save({ ...row, nextFireTime: nextFireTime(scheduler.state, now) });
    return firing;
  }

  private async recordFiring(
    scheduler: LoadedInvoiceBatchScheduler,
    fireTime: Instant,
    now: Instant,
  ): Promise<LoadedInvoiceBatchScheduler> {
    const { schedulerId } = scheduler;
    let events;
    try {
      events = invoiceBatchSchedulerDecider.decide(
        { type: 'RecordInvoiceBatchSchedulerFiring', data: { schedulerId, fireTime } },
        scheduler.state,
      );
    } catch (error) {
      // A stale index row (the scheduler was deactivated or edited since): the row is rebuilt below.
      if (!(error instanceof DomainError)) throw error;
      this.logger?.warn({ schedulerId, fireTime, code: error.code }, 'the scheduler did not fire');
      return scheduler;
    }
    if (events.length === 0) return scheduler;
    const result = await this.eventStore.append(
      scheduler.stream,
      eventsToAppend(scheduler.stream, nextRevision(scheduler.revision), events, {
        causationId: `${scheduler.stream}@${fireTime}`,
        correlationId: schedulerId,
        runId: null,
        groupingKey: null,
        occurredAt: now,
        producer: this.producer,
      }),
      scheduler.revision,
    );
    return {
      ...scheduler,
      state: events.reduce(invoiceBatchSchedulerDecider.evolve, scheduler.state),
      revision: result.nextExpectedRevision,
      events: [...scheduler.events, ...events],
      lastRecordedAt: now,
    };
  }

  private async requestRunOf(
    scheduler: LoadedInvoiceBatchScheduler,
    fireTime: Instant,
  ): Promise<SchedulerFiring | null> {
    const fired = scheduler.events.find(
      (event): event is InvoiceBatchSchedulerFired =>
        event.type === 'InvoiceBatchSchedulerFired' &&
        Date.parse(event.data.fireTime) === Date.parse(fireTime),
    );
    if (fired === undefined) return null;
    const { schedulerId, runId } = fired.data;
    try {
      await this.requestRun.handle({
        runId,
        criteria: fired.data.criteria,
        targetDate: fired.data.targetDate,
        invoiceDate: fired.data.invoiceDate,
        invoiceStatus: fired.data.invoiceStatus,
        billingPeriodCount: fired.data.billingPeriodCount,
        trigger: { type: 'Scheduler', schedulerId },
      });
    } catch (error) {
      // The firing stands; a refused run (e.g. TARGET_DATE_OUT_OF_RANGE) is reported, never retried.
      if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
      this.logger?.error({ schedulerId, runId, code: error.code, err: error }, 'the fired run was refused');
      return null;
    }
    return { schedulerId, fireTime: fired.data.fireTime, runId };
  }
}
