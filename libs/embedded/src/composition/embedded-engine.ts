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
import { InProcessTransportStrategy } from '../nest/in-process-transport-strategy';
import { EmbeddedEngineModule, type EmbeddedEngineOptions } from './embedded-engine.module';

/** The one consumer group of the process: every pipeline topic is consumed by exactly one service. */
export const EMBEDDED_CONSUMER_GROUP = 'embedded';

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
 * in-process bus (one `InProcessTransportStrategy`, `KafkaErrorPassthroughFilter` on it so transient
 * and permanent errors reach the bus's retry and dead-letter policy, as on Kafka). The projector starts
 * with the application.
 */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const app: INestApplication = await NestFactory.create(EmbeddedEngineModule.forRoot(options), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const bus = app.get(InProcessBus);
    app
      .connectMicroservice(
        {
          strategy: new InProcessTransportStrategy(bus, {
            groupId: EMBEDDED_CONSUMER_GROUP,
            messageClasses: embeddedMessageClasses(),
          }),
        },
        // Deferred, so that the filter is registered before the handlers are bound (Nest 11 hybrid apps).
        { inheritAppConfig: false, deferInitialization: true },
      )
      .useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.init();
    await app.startAllMicroservices();
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
