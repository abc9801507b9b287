import type { PGlite } from '@electric-sql/pglite';
import { pipelineTopicSpecs } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { TopicSpec } from '@invoice-engine/messaging';
import type { ReadModelDataSourceParts } from '@invoice-engine/read-models';
import {
  APP_LOGGER,
  CLOCK,
  createAppLogger,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  SystemClock,
  TAX_ENGINE,
  type AppLogger,
  type Clock,
} from '@invoice-engine/runtime';
import { RateTableTaxEngine, type TaxEngine } from '@invoice-engine/tax';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { InProcessBus } from '../bus/in-process-bus';
import { openEmbeddedEventStore, openEmbeddedReadModels } from './embedded-databases';

export interface EmbeddedInfrastructureOptions {
  /** Where the databases persist (`<dir>/event-store`, `<dir>/read-models`), or null for memory only. */
  readonly dataDirectory: string | null;
  /** Default: the system clock. A scenario passes a `SettableClock` set to its "today". */
  readonly clock?: Clock;
  /** Default: the built-in rate-table engine with no rates (every tax request fails, visibly). */
  readonly taxEngine?: TaxEngine;
  /** Default: a JSON logger for service `embedded` at level `info`. */
  readonly logger?: AppLogger;
  /** The read-model migrations and entities of the contexts composed on top (default: the library's own). */
  readonly readModelParts?: ReadModelDataSourceParts;
  /** Default: every pipeline topic with its default partition count, as a Kafka deployment creates them. */
  readonly topics?: readonly TopicSpec[];
}

const EVENT_STORE_DATABASE = Symbol('EmbeddedEventStoreDatabase');

interface OpenedEventStore {
  readonly database: PGlite;
  readonly eventStore: EventStore;
}

/** Closes what the module opened when Nest shuts down: the bus first, so no handler writes to a closed store. */
class EmbeddedInfrastructureShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(InProcessBus) private readonly bus: InProcessBus,
    @Inject(EVENT_STORE_DATABASE) private readonly opened: OpenedEventStore,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.opened.eventStore.close();
    await this.opened.database.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Binds the runtime tokens for embedded mode, globally: `EVENT_STORE` (the PostgreSQL event store on
 * PGlite), `READ_MODEL_DATA_SOURCE` (TypeORM on PGlite), `MESSAGE_PUBLISHER` (the in-process bus, also
 * injectable as `InProcessBus`), `CLOCK`, `TAX_ENGINE` and `APP_LOGGER`. Service modules then compose on
 * top in one `imports` list, exactly as they do over `DistributedInfrastructureModule`.
 */
@Module({})
export class EmbeddedInfrastructureModule {
  static forRoot(options: EmbeddedInfrastructureOptions): DynamicModule {
    const logger = options.logger ?? createAppLogger('embedded', 'info');
    return {
      module: EmbeddedInfrastructureModule,
      global: true,
      providers: [
        { provide: APP_LOGGER, useValue: logger },
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: TAX_ENGINE, useValue: options.taxEngine ?? new RateTableTaxEngine([]) },
        {
          provide: InProcessBus,
          useFactory: () => new InProcessBus({ topics: options.topics ?? pipelineTopicSpecs(), logger }),
        },
        { provide: MESSAGE_PUBLISHER, useExisting: InProcessBus },
        { provide: EVENT_STORE_DATABASE, useFactory: () => openEmbeddedEventStore(options.dataDirectory) },
        {
          provide: EVENT_STORE,
          inject: [EVENT_STORE_DATABASE],
          useFactory: (opened: OpenedEventStore) => opened.eventStore,
        },
        {
          provide: READ_MODEL_DATA_SOURCE,
          useFactory: () => openEmbeddedReadModels(options.dataDirectory, options.readModelParts),
        },
        EmbeddedInfrastructureShutdown,
      ],
      exports: [
        APP_LOGGER,
        CLOCK,
        TAX_ENGINE,
        InProcessBus,
        MESSAGE_PUBLISHER,
        EVENT_STORE,
        READ_MODEL_DATA_SOURCE,
      ],
    };
  }
}
