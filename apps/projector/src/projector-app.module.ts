import { ProjectorModule } from '@invoice-engine/billing-read-models';
import { APP_LOGGER, EVENT_STORE, READ_MODEL_DATA_SOURCE, type AppLogger } from '@invoice-engine/runtime';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ProjectorConfiguration } from './projector.configuration';
import { openProjectorInfrastructure, type ProjectorInfrastructure } from './projector-infrastructure';

const INFRASTRUCTURE = Symbol('ProjectorInfrastructure');

/** Closes the connections after the projections have stopped (Nest stops them first). */
@Injectable()
class InfrastructureShutdown implements OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: ProjectorInfrastructure) {}

  onApplicationShutdown(): Promise<void> {
    return this.infrastructure.close();
  }
}

@Global()
@Module({})
class ProjectorInfrastructureModule {
  static forRoot(configuration: ProjectorConfiguration, logger: AppLogger): DynamicModule {
    return {
      module: ProjectorInfrastructureModule,
      providers: [
        { provide: INFRASTRUCTURE, useFactory: () => openProjectorInfrastructure(configuration) },
        {
          provide: EVENT_STORE,
          inject: [INFRASTRUCTURE],
          useFactory: (infrastructure: ProjectorInfrastructure) => infrastructure.eventStore,
        },
        {
          provide: READ_MODEL_DATA_SOURCE,
          inject: [INFRASTRUCTURE],
          useFactory: (infrastructure: ProjectorInfrastructure) => infrastructure.dataSource,
        },
        { provide: APP_LOGGER, useValue: logger },
        InfrastructureShutdown,
      ],
      exports: [EVENT_STORE, READ_MODEL_DATA_SOURCE, APP_LOGGER],
    };
  }
}

/** The projector app: the Postgres adapters bound to the runtime tokens, and the projector module. */
@Module({})
export class ProjectorAppModule {
  static forRoot(configuration: ProjectorConfiguration, logger: AppLogger): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        ProjectorInfrastructureModule.forRoot(configuration, logger),
        ProjectorModule.forRoot({ batchSize: configuration.PROJECTION_BATCH_SIZE }),
      ],
    };
  }
}
