import type { EventSubscription, GlobalPosition } from '@invoice-engine/event-store';
import {
  startProjection,
  type AppliedBatch,
  type Projection,
  type ProjectionEventSource,
} from '@invoice-engine/read-models';
import type { AppLogger } from '@invoice-engine/runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { billingProjections } from '../projections/billing-projections';
import { invoiceBatchSchedulersProjection } from '../projections/schedulers/invoice-batch-schedulers.projection';
import { refreshNextFireTimes } from '../projections/schedulers/refresh-next-fire-times';

export interface BillingProjectorOptions {
  /** Most events per transaction (default 1000; see docs/read-models.md, "Throughput"). */
  readonly batchSize: number;
  /** Wait before restarting a projection whose subscription failed (default 5 s). */
  readonly restartDelayMs: number;
  readonly projections: readonly Projection[];
  /**
   * Apply one batch at a time across all projections. Needed on PGlite (embedded mode), whose single
   * session cannot run two transactions at once; on PostgreSQL each projection runs in parallel.
   */
  readonly oneBatchAtATime: boolean;
}

export const DEFAULT_PROJECTOR_OPTIONS: BillingProjectorOptions = {
  batchSize: 1000,
  restartDelayMs: 5000,
  projections: billingProjections,
  oneBatchAtATime: false,
};

/** Runs work items one after another, in the order they were queued. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** What `/health` reports per projection. */
export interface ProjectionStatus {
  readonly name: string;
  readonly running: boolean;
  readonly checkpoint: string | null;
  readonly lastError: string | null;
}

interface RunningProjection {
  subscription: EventSubscription | null;
  checkpoint: GlobalPosition | null;
  lastError: string | null;
}

/**
 * Runs every billing projection from its checkpoint, each on its own subscription. A projection whose
 * batch fails (a database outage, a bug) is restarted from its last committed checkpoint after a
 * delay, so one broken projection never stops the others. After each batch of the scheduler
 * projection it computes the next fire times the fold cannot.
 */
export class BillingProjector {
  private readonly running = new Map<string, RunningProjection>();
  private readonly queue = new SerialQueue();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly eventSource: ProjectionEventSource,
    private readonly options: BillingProjectorOptions = DEFAULT_PROJECTOR_OPTIONS,
    private readonly logger: AppLogger | null = null,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    await this.exclusive(() => refreshNextFireTimes(this.dataSource));
    for (const projection of this.options.projections) {
      const state: RunningProjection = { subscription: null, checkpoint: null, lastError: null };
      this.running.set(projection.name, state);
      await this.run(projection, state);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const subscriptions = [...this.running.values()].flatMap((state) => state.subscription ?? []);
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  }

  status(): readonly ProjectionStatus[] {
    return this.options.projections.map((projection) => {
      const state = this.running.get(projection.name);
      return {
        name: projection.name,
        running: state?.subscription !== null && state?.subscription !== undefined,
        checkpoint: state?.checkpoint?.toString() ?? null,
        lastError: state?.lastError ?? null,
      };
    });
  }

  private async run(projection: Projection, state: RunningProjection): Promise<void> {
    const subscription = await this.exclusive(() =>
      startProjection(this.dataSource, this.serializedSource(), projection, {
        batchSize: this.options.batchSize,
        onApplied: (applied) => this.applied(projection, state, applied),
      }),
    );
    state.subscription = subscription;
    void subscription.finished.then(
      () => undefined,
      (error: unknown) => this.failed(projection, state, error),
    );
  }

  private applied(projection: Projection, state: RunningProjection, applied: AppliedBatch): void {
    state.checkpoint = applied.checkpoint;
    this.logger?.debug({ projection: projection.name, ...stringified(applied) }, 'projection batch applied');
    if (projection.name === invoiceBatchSchedulersProjection.name) {
      this.exclusive(() => refreshNextFireTimes(this.dataSource)).catch((error: unknown) =>
        this.logger?.error({ projection: projection.name, err: error }, 'next fire times not refreshed'),
      );
    }
  }

  /** Database work that must not overlap another projection's when `oneBatchAtATime` is set. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.options.oneBatchAtATime ? this.queue.run(work) : work();
  }

  /** The event source, with each batch's transaction queued behind the others' when required. */
  private serializedSource(): ProjectionEventSource {
    return {
      subscribeToAll: (options) =>
        this.eventSource.subscribeToAll({
          ...options,
          onEvents: (batch) => this.exclusive(() => options.onEvents(batch)),
        }),
    };
  }

  private async failed(projection: Projection, state: RunningProjection, error: unknown): Promise<void> {
    state.subscription = null;
    state.lastError = error instanceof Error ? error.message : String(error);
    this.logger?.error({ projection: projection.name, err: error }, 'projection stopped; restarting');
    await sleep(this.options.restartDelayMs);
    if (this.stopping) return;
    await this.run(projection, state).catch((restartError: unknown) =>
      this.failed(projection, state, restartError),
    );
  }
}

function stringified(applied: AppliedBatch) {
  return {
    folded: applied.folded,
    alreadyApplied: applied.alreadyApplied,
    checkpoint: applied.checkpoint.toString(),
  };
}
