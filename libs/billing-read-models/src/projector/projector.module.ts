import type { EventStore } from '@invoice-engine/event-store';
import { APP_LOGGER, EVENT_STORE, READ_MODEL_DATA_SOURCE, type AppLogger } from '@invoice-engine/runtime';
import {
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  BillingProjector,
  DEFAULT_PROJECTOR_OPTIONS,
  type BillingProjectorOptions,
  type ProjectionStatus,
} from './billing-projector';

/** Starts the projections once every provider is ready; stops them before connections close. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(BillingProjector) private readonly projector: BillingProjector) {}

  onApplicationBootstrap(): Promise<void> {
    return this.projector.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.projector.stop();
  }
}

/** `GET /health`: each projection, whether it runs, its checkpoint and its last error. */
@Controller('health')
class ProjectorHealthController {
  constructor(@Inject(BillingProjector) private readonly projector: BillingProjector) {}

  @Get()
  health(): { status: 'ok' | 'degraded'; projections: readonly ProjectionStatus[] } {
    const projections = this.projector.status();
    return { status: projections.every((projection) => projection.running) ? 'ok' : 'degraded', projections };
  }
}

/**
 * The projector: every billing projection kept up to date from the event store. Needs `EVENT_STORE`
 * and `READ_MODEL_DATA_SOURCE` (migrated with `billingReadModelParts`); logs to `APP_LOGGER` when
 * bound. The same module runs in the projector app and in the embedded one-process mode.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: Partial<BillingProjectorOptions> = {}): DynamicModule {
    const settings: BillingProjectorOptions = { ...DEFAULT_PROJECTOR_OPTIONS, ...options };
    return {
      module: ProjectorModule,
      controllers: [ProjectorHealthController],
      providers: [
        {
          provide: BillingProjector,
          inject: [READ_MODEL_DATA_SOURCE, EVENT_STORE, { token: APP_LOGGER, optional: true }],
          useFactory: (dataSource: DataSource, eventStore: EventStore, logger: AppLogger | undefined) =>
            new BillingProjector(dataSource, eventStore, settings, logger ?? null),
        },
        ProjectorLifecycle,
      ],
      exports: [BillingProjector],
    };
  }
}
