import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PgPoolConnection, PostgresEventStore, type EventStore } from '@invoice-engine/event-store';
import { BatchingProducer, ensureTopics, type KafkaClient } from '@invoice-engine/messaging';
import { openReadModelDataSource, type ReadModelDataSourceParts } from '@invoice-engine/read-models';
import {
  APP_LOGGER,
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  SystemClock,
  type AppLogger,
} from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import type { DistributedConfiguration } from './distributed-configuration';
import { pipelineTopicSpecs } from '@invoice-engine/contracts';

export const KAFKA_CLIENT = Symbol('KafkaClient');
const SQL_CONNECTION = Symbol('SqlConnection');

export interface DistributedInfrastructureOptions {
  readonly service: string;
  readonly configuration: DistributedConfiguration;
  readonly logger: AppLogger;
  readonly kafkaClient: KafkaClient;
  /** The read-model migrations and entities of the contexts this service reads or writes. */
  readonly readModelParts?: ReadModelDataSourceParts;
}

/** Closes what the module opened, in reverse order, when Nest shuts the service down. */
class DistributedInfrastructureShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_PUBLISHER) private readonly producer: BatchingProducer,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SQL_CONNECTION) private readonly sql: PgPoolConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.eventStore.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.sql.close();
  }
}

/**
 * Binds the runtime tokens to the production adapters: the PostgreSQL event store (migrated at boot),
 * the batching Kafka producer (topics ensured at boot), the read-model data source (migrated at boot),
 * the system clock and the service's JSON logger. Global, so service modules only inject tokens.
 */
@Module({})
export class DistributedInfrastructureModule {
  static forRoot(options: DistributedInfrastructureOptions): DynamicModule {
    const { configuration } = options;
    return {
      module: DistributedInfrastructureModule,
      global: true,
      providers: [
        { provide: APP_LOGGER, useValue: options.logger },
        { provide: CLOCK, useValue: new SystemClock() },
        { provide: KAFKA_CLIENT, useValue: options.kafkaClient },
        {
          provide: SQL_CONNECTION,
          useFactory: () =>
            PgPoolConnection.open({
              connectionString: configuration.DATABASE_URL,
              max: configuration.DATABASE_POOL_SIZE,
            }),
        },
        {
          provide: EVENT_STORE,
          inject: [SQL_CONNECTION],
          useFactory: async (sql: PgPoolConnection) => {
            const store = new PostgresEventStore(sql, { schema: configuration.EVENT_STORE_SCHEMA });
            await store.migrate();
            return store;
          },
        },
        {
          provide: MESSAGE_PUBLISHER,
          useFactory: async () => {
            await ensureTopics(options.kafkaClient, pipelineTopicSpecs());
            return BatchingProducer.connect(options.kafkaClient);
          },
        },
        {
          provide: READ_MODEL_DATA_SOURCE,
          useFactory: () =>
            openReadModelDataSource(
              {
                kind: 'postgres',
                url: configuration.DATABASE_URL,
                schema: configuration.READ_MODEL_SCHEMA,
                poolSize: configuration.DATABASE_POOL_SIZE,
              },
              ...(options.readModelParts ? [options.readModelParts] : []),
            ),
        },
        DistributedInfrastructureShutdown,
      ],
      exports: [APP_LOGGER, CLOCK, KAFKA_CLIENT, EVENT_STORE, MESSAGE_PUBLISHER, READ_MODEL_DATA_SOURCE],
    };
  }
}
