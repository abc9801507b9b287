import 'reflect-metadata';
import {
  Module,
  type DynamicModule,
  type INestApplication,
  type INestMicroservice,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfiguration, type Environment } from '@invoice-engine/config';
import { pipelineTopicSpecs } from '@invoice-engine/contracts';
import {
  createKafkaClient,
  KafkaErrorPassthroughFilter,
  KafkaTransportStrategy,
} from '@invoice-engine/messaging';
import type { ReadModelDataSourceParts } from '@invoice-engine/read-models';
import { createAppLogger } from '@invoice-engine/runtime';
import { DistributedConfiguration } from './distributed-configuration';
import { DistributedInfrastructureModule } from './distributed-infrastructure.module';
import { kafkaConnectionOf } from './kafka-connection-of';
import { pipelineMessageClasses } from './pipeline-topics';

export interface DistributedServiceDefinition {
  /** The service's name: its Kafka client id and consumer group, and the `service` of its log lines. */
  readonly service: string;
  /** The service module (consumers, controllers, handlers) as the application lib exports it. */
  readonly serviceModule: Type | DynamicModule;
  readonly readModelParts?: ReadModelDataSourceParts;
  /** Also serve HTTP on this port (scheduling API, health). */
  readonly httpPort?: number;
  /**
   * Topics consumed in a consumer group of their own, topic → name: the group is
   * `consumerGroupIdOf(service, suffix, name)`. For a topic whose messages must not queue behind the
   * backlog of the service's other topics.
   */
  readonly dedicatedConsumerGroups?: Readonly<Record<string, string>>;
}

/**
 * The consumer group of a service, `<service><KAFKA_GROUP_SUFFIX>`, or of one of its dedicated groups,
 * `<service>.<name><KAFKA_GROUP_SUFFIX>`.
 */
export function consumerGroupIdOf(service: string, suffix: string, dedicatedGroup?: string): string {
  return dedicatedGroup === undefined ? `${service}${suffix}` : `${service}.${dedicatedGroup}${suffix}`;
}

function rootModuleOf(
  definition: DistributedServiceDefinition,
  environment: Environment,
): {
  root: Type;
  kafkaClient: ReturnType<typeof createKafkaClient>;
  configuration: DistributedConfiguration;
} {
  const configuration = loadConfiguration(definition.service, DistributedConfiguration, environment);
  const logger = createAppLogger(definition.service, configuration.LOG_LEVEL);
  const kafkaClient = createKafkaClient(kafkaConnectionOf(definition.service, configuration), logger);
  @Module({
    imports: [
      DistributedInfrastructureModule.forRoot({
        service: definition.service,
        configuration,
        logger,
        kafkaClient,
        ...(definition.readModelParts ? { readModelParts: definition.readModelParts } : {}),
      }),
      definition.serviceModule,
    ],
  })
  class DistributedServiceRoot {}
  return { root: DistributedServiceRoot, kafkaClient, configuration };
}

/**
 * Boots one service of the distributed mode: configuration from the environment (fails fast naming
 * every bad variable), adapters bound to the runtime tokens, and its `@EventPattern` handlers consuming
 * Kafka through the consumer runner (ordering, retries, dead letters, commits after success).
 */
export async function startDistributedService(
  definition: DistributedServiceDefinition,
  environment: Environment,
): Promise<INestApplication | INestMicroservice> {
  const { root, kafkaClient, configuration } = rootModuleOf(definition, environment);
  const suffix = configuration.KAFKA_GROUP_SUFFIX;
  const transport = new KafkaTransportStrategy(kafkaClient, {
    groupId: consumerGroupIdOf(definition.service, suffix),
    dedicatedGroups: Object.fromEntries(
      Object.entries(definition.dedicatedConsumerGroups ?? {}).map(([topic, name]) => [
        topic,
        consumerGroupIdOf(definition.service, suffix, name),
      ]),
    ),
    partitionsConsumedConcurrently: configuration.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    commitIntervalMs: configuration.KAFKA_COMMIT_INTERVAL_MS,
    maxBatchMessages: configuration.KAFKA_BATCH_SLICE,
    fromBeginning: configuration.KAFKA_NEW_GROUP_START === 'earliest',
    messageClasses: pipelineMessageClasses(),
    topics: pipelineTopicSpecs(),
  });
  if (definition.httpPort !== undefined) {
    const app = await NestFactory.create(root, { abortOnError: false, logger: ['error', 'warn'] });
    app.enableShutdownHooks();
    // The passthrough filter lets TransientError/PermanentError reach the consumer runner (retry or
    // dead-letter); it is registered on the Kafka side only, so HTTP keeps Nest's own error handling.
    app
      .connectMicroservice({ strategy: transport }, { deferInitialization: true })
      .useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.startAllMicroservices();
    await app.listen(definition.httpPort, '0.0.0.0');
    return app;
  }
  const microservice = await NestFactory.createMicroservice(root, {
    strategy: transport,
    abortOnError: false,
    logger: ['error', 'warn'],
  });
  microservice.useGlobalFilters(new KafkaErrorPassthroughFilter());
  microservice.enableShutdownHooks();
  await microservice.listen();
  return microservice;
}
