import 'reflect-metadata';
import { ALL_TOPICS, contractsOnTopic } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import { KafkaErrorPassthroughFilter, type MessageClasses } from '@invoice-engine/messaging';
import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import { BILLING_SCHEDULE_SOURCE, RequestInvoiceBatchRun } from '@invoice-engine/run-application';
import { EVENT_STORE, READ_MODEL_DATA_SOURCE } from '@invoice-engine/runtime';
import type { INestApplication } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { InProcessBus } from '../bus/in-process-bus';
import { EmbeddedEngineModule, type EmbeddedEngineOptions } from './embedded-engine.module';
import {
  assertEveryHandlerHasAGroup,
  EMBEDDED_SERVICE_GROUPS,
  ServiceTransportStrategy,
} from './service-consumer-groups';

/** The message classes consumers validate with, per topic: every contract published on the topic. */
export function embeddedMessageClasses(): Readonly<Record<string, MessageClasses>> {
  return Object.fromEntries(
    ALL_TOPICS.map((topic) => [
      topic,
      Object.fromEntries(contractsOnTopic(topic).map((contract) => [contract.type, contract.dataClass])),
    ]),
  );
}

/**
 * typeorm-pglite hands TypeORM the pool itself as every connection, and TypeORM adds an `error`
 * listener per connection in use: with the services' concurrency that passes Node's default of 10 and
 * prints a leak warning in the middle of `npm start`. The listeners are removed on release.
 */
function allowConcurrentReadModelConnections(readModels: DataSource): void {
  const pool = (readModels.driver as unknown as { readonly master?: EventEmitter }).master;
  pool?.setMaxListeners(100);
}

/** A started engine: what callers drive a run with, and `close()`. */
export interface EmbeddedEngine {
  readonly bus: InProcessBus;
  readonly eventStore: EventStore;
  readonly readModels: DataSource;
  readonly requestRun: RequestInvoiceBatchRun;
  /** The filtering service's schedule source (the `billing_schedules` read model). */
  readonly scheduleSource: BillingScheduleSource;
  close(): Promise<void>;
}

/**
 * Boots the composed engine: a Nest application that never listens on HTTP, with its consumers on the
 * in-process bus, one consumer group per service as in the distributed deployment (each an
 * `InProcessTransportStrategy` limited to the service's topics, with `KafkaErrorPassthroughFilter` so
 * that transient and permanent errors reach the bus's retry and dead-letter policy, as on Kafka). The
 * projector starts with the application.
 */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const app: INestApplication = await NestFactory.create(EmbeddedEngineModule.forRoot(options), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const bus = app.get(InProcessBus);
    const readModels = app.get<DataSource>(READ_MODEL_DATA_SOURCE);
    allowConcurrentReadModelConnections(readModels);
    const messageClasses = embeddedMessageClasses();
    const strategies = Object.entries(EMBEDDED_SERVICE_GROUPS).map(
      ([groupId, topics]) => new ServiceTransportStrategy(bus, { groupId, messageClasses }, topics),
    );
    for (const strategy of strategies) {
      app
        .connectMicroservice(
          { strategy },
          // Deferred, so that the filter is registered before the handlers are bound (Nest 11 hybrid apps).
          { inheritAppConfig: false, deferInitialization: true },
        )
        .useGlobalFilters(new KafkaErrorPassthroughFilter());
    }
    await app.init();
    await app.startAllMicroservices();
    assertEveryHandlerHasAGroup(strategies[0]?.allHandlerTopics() ?? []);
    return {
      bus,
      eventStore: app.get<EventStore>(EVENT_STORE),
      readModels,
      requestRun: app.get(RequestInvoiceBatchRun),
      scheduleSource: app.get<BillingScheduleSource>(BILLING_SCHEDULE_SOURCE),
      close: () => app.close(),
    };
  } catch (error: unknown) {
    await app.close();
    throw error;
  }
}
