import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from '@invoice-engine/runtime';
import { FireDueSchedulers } from '../scheduling/fire-due-schedulers';
import { SchedulerFireTimeProjector } from '../scheduling/scheduler-fire-time-projector';
import { SCHEDULING_OPTIONS, type SchedulingOptions } from './scheduling-options';

/**
 * Runs the fire time projection and, every `timerIntervalMs`, a tick of the timer. Ticks never overlap
 * (the next is scheduled when one ends); shutdown waits for the tick in flight.
 */
@Injectable()
export class SchedulerTimerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(FireDueSchedulers) private readonly fireDueSchedulers: FireDueSchedulers,
    @Inject(SchedulerFireTimeProjector) private readonly projector: SchedulerFireTimeProjector,
    @Inject(SCHEDULING_OPTIONS) private readonly options: SchedulingOptions,
    @Optional() @Inject(APP_LOGGER) private readonly logger?: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.timerEnabled) return;
    await this.projector.start();
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.inFlight;
    await this.projector.stop();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.tick().finally(() => this.schedule());
    }, this.options.timerIntervalMs);
  }

  private async tick(): Promise<void> {
    try {
      const firings = await this.fireDueSchedulers.tick();
      for (const firing of firings)
        this.logger?.info({ ...firing, correlationId: firing.runId }, 'scheduler fired');
    } catch (error) {
      this.logger?.error({ err: error }, 'the scheduler timer tick failed; the next tick tries again');
    }
  }
}
