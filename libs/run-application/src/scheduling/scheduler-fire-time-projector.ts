import type { EventStore, EventSubscription, SubscriptionBatch } from '@invoice-engine/event-store';
import { StreamCategory, idOf } from '@invoice-engine/kernel';
import type { AppLogger } from '@invoice-engine/runtime';
import { nextFireTime } from '@invoice-engine/scheduling';
import {
  loadInvoiceBatchScheduler,
  type LoadedInvoiceBatchScheduler,
} from './invoice-batch-scheduler-stream';
import type { SchedulerFireTime, SchedulerFireTimeIndex } from './scheduler-fire-time-index';

/** The index row of a scheduler as its stream says: the next fire time after its last event. */
export function schedulerFireTimeOf(scheduler: LoadedInvoiceBatchScheduler): SchedulerFireTime | null {
  if (scheduler.revision === 'no-stream' || scheduler.lastRecordedAt === null) return null;
  const { state } = scheduler;
  return {
    schedulerId: scheduler.schedulerId,
    status: state.status,
    nextFireTime: nextFireTime(state, scheduler.lastRecordedAt),
    revision: scheduler.revision,
  };
}

/**
 * Keeps the fire time index up to date from the scheduler streams: a subscription from the index's
 * checkpoint, each batch folded per scheduler and written with the checkpoint in one transaction.
 * Every replica may run it: rows only move forward by revision, the checkpoint only forward by position.
 */
export class SchedulerFireTimeProjector {
  private subscription: EventSubscription | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly index: SchedulerFireTimeIndex,
    private readonly logger?: AppLogger,
  ) {}

  async start(): Promise<void> {
    const checkpoint = await this.index.checkpoint();
    const subscription = this.eventStore.subscribeToAll({
      from: checkpoint === null ? 'start' : { after: checkpoint },
      filter: { streamCategories: [StreamCategory.InvoiceBatchScheduler] },
      onEvents: (batch) => this.apply(batch),
    });
    subscription.finished.catch((error: unknown) =>
      this.logger?.error({ err: error }, 'the scheduler fire time projection stopped'),
    );
    this.subscription = subscription;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private async apply(batch: SubscriptionBatch): Promise<void> {
    const schedulerIds = [...new Set(batch.events.map((event) => idOf(event.streamId)))];
    const fireTimes: SchedulerFireTime[] = [];
    for (const schedulerId of schedulerIds) {
      const fireTime = schedulerFireTimeOf(await loadInvoiceBatchScheduler(this.eventStore, schedulerId));
      if (fireTime !== null) fireTimes.push(fireTime);
    }
    await this.index.project(fireTimes, batch.checkpoint);
  }
}
