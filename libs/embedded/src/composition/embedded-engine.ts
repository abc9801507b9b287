import 'reflect-metadata';
import { ALL_TOPICS, contractsOnTopic, Topics } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import { KafkaErrorPassthroughFilter, type MessageClasses } from '@invoice-engine/messaging';
import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import {
  BILLING_SCHEDULE_SOURCE,
  FilteringCompleted,
  RequestInvoiceBatchRun,
} from '@invoice-engine/run-application';
import { EVENT_STORE, READ_MODEL_DATA_SOURCE } from '@invoice-engine/runtime';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { InProcessBus } from '../bus/in-process-bus';
import { EmbeddedEngineModule, type EmbeddedEngineOptions } from './embedded-engine.module';
import {
  assertEveryHandlerHasAGroup,
  EMBEDDED_SERVICE_GROUPS,
  ServiceTransportStrategy,
} from './service-consumer-groups';

/**
 * The message classes consumers validate with, per topic: every contract of the topic, plus the
 * filtering-completed notice that run-application publishes on `invoice-batch.group-results` (it is
 * not in libs/contracts yet, so the contracts' own parser would dead-letter it).
 */
export function embeddedMessageClasses(): Readonly<Record<string, MessageClasses>> {
  const classes: Record<string, MessageClasses> = Object.fromEntries(
    ALL_TOPICS.map((topic) => [
      topic,
      Object.fromEntries(contractsOnTopic(topic).map((contract) => [contract.type, contract.dataClass])),
    ]),
  );
  classes[Topics.GroupResults] = {
    ...classes[Topics.GroupResults],
    [FilteringCompleted.type]: FilteringCompleted.dataClass,
  };
  return classes;
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
      readModels: app.get<DataSource>(READ_MODEL_DATA_SOURCE),
      requestRun: app.get(RequestInvoiceBatchRun),
      scheduleSource: app.get<BillingScheduleSource>(BILLING_SCHEDULE_SOURCE),
      close: () => app.close(),
    };
  } catch (error: unknown) {
    await app.close();
    throw error;
  }
}
