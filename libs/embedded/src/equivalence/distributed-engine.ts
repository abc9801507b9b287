import 'reflect-metadata';
import {
  billingReadModelParts,
  PostgresBillingScheduleSource,
  ProjectorModule,
  type BillingScheduleSource,
} from '@invoice-engine/billing-read-models';
import { loadConfiguration } from '@invoice-engine/config';
import { Topics } from '@invoice-engine/contracts';
import {
  DistributedConfiguration,
  DistributedInfrastructureModule,
  KAFKA_CLIENT,
  pipelineMessageClasses,
} from '@invoice-engine/distributed';
import type { EventStore } from '@invoice-engine/event-store';
import { InvoiceGenerationModule, TaxModule } from '@invoice-engine/generation-application';
import type { PaymentTerm } from '@invoice-engine/invoicing';
import {
  createKafkaClient,
  KafkaErrorPassthroughFilter,
  kafkaConnectionConfig,
  type KafkaClient,
} from '@invoice-engine/messaging';
import {
  BILLING_SCHEDULE_SOURCE,
  FilteringModule,
  RequestInvoiceBatchRun,
  SummarizationModule,
  type OrgSettings,
} from '@invoice-engine/run-application';
import {
  CLOCK,
  createAppLogger,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  type Clock,
} from '@invoice-engine/runtime';
import type { TaxEngine } from '@invoice-engine/tax';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { embeddedRunRequestProvider } from '../composition/embedded-engine.module';
import { EMBEDDED_SERVICE_GROUPS } from '../composition/service-consumer-groups';
import type { EngineUnderTest } from './engine-under-test';
import { PrefixedServiceTransport, PrefixingPublisher, TopicPrefix } from './prefixed-kafka';
import { waitForRunInEventStore } from './run-in-event-store';

export interface DistributedEngineOptions {
  /**
   * Unique per engine, a lower-case SQL identifier: the stem of its schemas and the prefix of its
   * topics and consumer groups (`<label>.<topic>`, `<label>.<service>`).
   */
  readonly label: string;
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  readonly clock: Clock;
  readonly taxEngine: TaxEngine;
  readonly paymentTerms: readonly PaymentTerm[];
  readonly org: OrgSettings;
  readonly linesPerInvoice: number;
  readonly filteringProgressEvery: number;
  readonly generationCheckpointEvery: number;
}

/** The three schemas a distributed engine writes: event store, read models, invoice numbers. */
export function distributedSchemasOf(label: string): readonly string[] {
  return [`${label}_es`, `${label}_rm`, `${label}_inv`];
}

/** The prefix of an engine's topics and consumer groups. */
export function distributedTopicPrefixOf(label: string): TopicPrefix {
  return new TopicPrefix(`${label}.`);
}

/**
 * The distributed mode's composition, in this process: `DistributedInfrastructureModule` (PostgreSQL
 * event store and read models, migrated at boot; the batching Kafka producer) under the very service
 * modules the apps run — filtering (on the `billing_schedules` read model), invoice generation (invoice
 * numbers in PostgreSQL), tax, summarization and the projector — each consumer service in a consumer
 * group of its own on the real broker, with `KafkaErrorPassthroughFilter` as `startDistributedService`
 * sets it. Two ports are bound to the test's values rather than the defaults: the clock (the org's
 * today, as the embedded mode sets it) and the publisher (topics with the engine's prefix, so that no
 * other test's pipeline sees these messages). The scheduling service is represented by its run
 * request handler, the one its HTTP API calls.
 */
export async function startDistributedEngine(options: DistributedEngineOptions): Promise<EngineUnderTest> {
  const [eventStoreSchema, readModelSchema, invoiceNumberSchema] = distributedSchemasOf(options.label);
  const configuration = loadConfiguration('equivalence', DistributedConfiguration, {
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '10',
    EVENT_STORE_SCHEMA: eventStoreSchema,
    READ_MODEL_SCHEMA: readModelSchema,
    KAFKA_BROKERS: options.brokers.join(','),
    LOG_LEVEL: 'warn',
  });
  const logger = createAppLogger(`equivalence-${options.label}`, 'silent');
  const kafkaClient = createKafkaClient(
    kafkaConnectionConfig({ brokers: configuration.KAFKA_BROKERS, clientId: `equivalence-${options.label}` }),
    logger,
  );
  const prefix = distributedTopicPrefixOf(options.label);
  // Fresh topics for a fresh engine: its consumer groups, new as well, read them from the first message.
  await prefix.createTopics(kafkaClient);

  // The two ports the filtering and scheduling apps bind in their own app modules, global as there.
  @Global()
  @Module({
    providers: [
      {
        provide: BILLING_SCHEDULE_SOURCE,
        inject: [READ_MODEL_DATA_SOURCE],
        useFactory: (dataSource: DataSource) => new PostgresBillingScheduleSource(dataSource),
      },
      embeddedRunRequestProvider(options.org),
    ],
    exports: [BILLING_SCHEDULE_SOURCE, RequestInvoiceBatchRun],
  })
  class AppBindings {}

  @Module({
    imports: [
      DistributedInfrastructureModule.forRoot({
        service: 'equivalence',
        configuration,
        logger,
        kafkaClient,
        readModelParts: billingReadModelParts,
      }),
      AppBindings,
      FilteringModule.register({
        linesPerInvoice: options.linesPerInvoice,
        progressEverySchedules: options.filteringProgressEvery,
      }),
      InvoiceGenerationModule.forRoot({
        paymentTerms: options.paymentTerms,
        settings: { maxLinesPerInvoice: options.linesPerInvoice },
        invoiceNumberSchema,
      }),
      TaxModule.forRoot({ taxEngine: options.taxEngine }),
      SummarizationModule.register({ checkpointEveryGroups: options.generationCheckpointEvery }),
      ProjectorModule.forRoot({}),
    ],
  })
  class DistributedEngineUnderTest {}

  const moduleRef = await Test.createTestingModule({ imports: [DistributedEngineUnderTest] })
    .overrideProvider(CLOCK)
    .useValue(options.clock)
    .overrideProvider(MESSAGE_PUBLISHER)
    .useFactory({
      factory: (client: KafkaClient) => PrefixingPublisher.connect(client, prefix),
      inject: [KAFKA_CLIENT],
    })
    .compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  try {
    const messageClasses = pipelineMessageClasses();
    for (const [service, topics] of Object.entries(EMBEDDED_SERVICE_GROUPS)) {
      app
        .connectMicroservice(
          {
            strategy: new PrefixedServiceTransport(kafkaClient, prefix, topics, {
              groupId: prefix.of(service),
              fromBeginning: true,
              messageClasses,
              maxWaitTimeMs: 200,
            }),
          },
          { inheritAppConfig: false, deferInitialization: true },
        )
        .useGlobalFilters(new KafkaErrorPassthroughFilter());
    }
    await app.init();
    await app.startAllMicroservices();
  } catch (error: unknown) {
    await app.close();
    throw error;
  }
  const eventStore = app.get<EventStore>(EVENT_STORE);
  return {
    mode: 'distributed',
    eventStore,
    readModels: app.get<DataSource>(READ_MODEL_DATA_SOURCE),
    requestRun: app.get(RequestInvoiceBatchRun),
    scheduleSource: app.get<BillingScheduleSource>(BILLING_SCHEDULE_SOURCE),
    waitForRun: (runId, timeoutMs) =>
      waitForRunInEventStore(eventStore, runId, timeoutMs, () => deadLetterCounts(kafkaClient, prefix)),
    close: async () => {
      await app.close();
    },
  };
}

/** The dead letters on the engine's topics, per topic, for an error message. */
async function deadLetterCounts(client: KafkaClient, prefix: TopicPrefix): Promise<string> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    const counts: string[] = [];
    for (const topic of Object.values(Topics)) {
      const offsets = await admin.fetchTopicOffsets(prefix.of(`${topic}.dlq`));
      const total = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
      if (total > 0) counts.push(`${topic}.dlq: ${total}`);
    }
    return counts.length === 0 ? 'no dead letters' : `dead letters ${counts.join(', ')}`;
  } finally {
    await admin.disconnect();
  }
}

/** Drops the engine's schemas and deletes its topics and consumer groups (after `close`). */
export async function removeDistributedEngineTraces(
  options: Pick<DistributedEngineOptions, 'label' | 'brokers'>,
  dropSchemas: (schemas: readonly string[]) => Promise<void>,
): Promise<void> {
  await dropSchemas(distributedSchemasOf(options.label));
  const client = createKafkaClient(
    kafkaConnectionConfig({ brokers: options.brokers, clientId: `equivalence-cleanup-${options.label}` }),
    createAppLogger('equivalence-cleanup', 'silent'),
  );
  await distributedTopicPrefixOf(options.label).deleteTopicsAndGroups(client);
}
