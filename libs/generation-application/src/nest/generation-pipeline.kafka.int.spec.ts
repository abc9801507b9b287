import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Topics, type GroupInvoicedData } from '@invoice-engine/contracts';
import { invoiceIdOf } from '@invoice-engine/invoicing';
import type { EventEnvelope } from '@invoice-engine/kernel';
import {
  BatchingProducer,
  createKafkaClient,
  ensureTopics,
  kafkaConnectionConfig,
  KafkaTransportStrategy,
  silentMessagingLogger,
  type KafkaClient,
} from '@invoice-engine/messaging';
import {
  APP_LOGGER,
  CLOCK,
  createAppLogger,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  SettableClock,
  type MessagePublisher,
  type MessageToPublish,
} from '@invoice-engine/runtime';
import { Global, Module, type INestMicroservice } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { instant } from '@invoice-engine/kernel';
import { randomUUID } from 'node:crypto';
import {
  californiaRates,
  givenRun,
  givenSchedules,
  groupingKeyOfTerms,
  paymentTerms,
  scheduleTerms,
  workItem,
} from '../test-support/generation.fixture';
import { openTestEventStore, type TestEventStore } from '../test-support/postgres-event-store.fixture';
import { INVOICE_GENERATION_DEDICATED_GROUPS, InvoiceGenerationModule } from './invoice-generation.module';
import { TaxModule } from './tax.module';

// The consumers listen on the contract topics; this file runs them on topics of its own (a unique
// prefix on both sides), so no other test or service sees its messages.
const prefix = `generation-${randomUUID().slice(0, 8)}.`;
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

class PrefixedTopicsTransport extends KafkaTransportStrategy {
  override getHandlers(): Map<string, MessageHandler> {
    return new Map([...super.getHandlers()].map(([topic, handler]) => [`${prefix}${topic}`, handler]));
  }
}

class PrefixingPublisher implements MessagePublisher {
  constructor(private readonly inner: MessagePublisher) {}

  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void> {
    return this.inner.publish(`${prefix}${topic}`, messages);
  }
}

let database: TestEventStore;
let client: KafkaClient;
let producer: BatchingProducer;
let app: INestMicroservice;

beforeAll(async () => {
  database = await openTestEventStore('generation_pipeline');
  client = createKafkaClient(
    kafkaConnectionConfig({ brokers, clientId: 'generation-pipeline-int' }),
    silentMessagingLogger,
  );
  await ensureTopics(client, [{ topic: `${prefix}${Topics.GroupResults}`, partitions: 2 }]);
  producer = await BatchingProducer.connect(client);

  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: database.store },
      { provide: MESSAGE_PUBLISHER, useValue: new PrefixingPublisher(producer) },
      { provide: CLOCK, useValue: new SettableClock(instant('2026-03-01T06:00:05.000Z')) },
      { provide: APP_LOGGER, useValue: createAppLogger('generation-pipeline-int', 'silent') },
      { provide: READ_MODEL_DATA_SOURCE, useValue: database.connection },
    ],
    exports: [EVENT_STORE, MESSAGE_PUBLISHER, CLOCK, APP_LOGGER, READ_MODEL_DATA_SOURCE],
  })
  class TestInfrastructure {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      TestInfrastructure,
      InvoiceGenerationModule.forRoot({ paymentTerms, invoiceNumberSchema: database.schema }),
      TaxModule.forRoot({ taxEngine: californiaRates() }),
    ],
  }).compile();
  const consumed = [Topics.GroupWork, Topics.TaxRequests, Topics.TaxResults];
  app = moduleRef.createNestMicroservice({
    logger: false,
    strategy: new PrefixedTopicsTransport(client, {
      groupId: `${prefix}invoice-generation`,
      // As deployed: tax results in a consumer group of their own (INVOICE_GENERATION_DEDICATED_GROUPS).
      dedicatedGroups: Object.fromEntries(
        Object.entries(INVOICE_GENERATION_DEDICATED_GROUPS).map(([topic, name]) => [
          `${prefix}${topic}`,
          `${prefix}invoice-generation.${name}`,
        ]),
      ),
      topics: consumed.map((topic) => ({ topic: `${prefix}${topic}`, partitions: 3 })),
      maxWaitTimeMs: 200,
    }),
  });
  await app.listen();
});

afterAll(async () => {
  await app?.close();
  await producer?.disconnect();
  await database?.dispose();
});

async function readGroupResults(count: number): Promise<EventEnvelope<string, GroupInvoicedData>[]> {
  const consumer = client.kafka.consumer({
    groupId: `${prefix}reader-${randomUUID()}`,
    maxWaitTimeInMs: 200,
  });
  const results: EventEnvelope<string, GroupInvoicedData>[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: `${prefix}${Topics.GroupResults}`, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        results.push(
          JSON.parse(message.value?.toString() ?? 'null') as EventEnvelope<string, GroupInvoicedData>,
        );
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + 60_000;
    while (results.length < count && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    return results;
  } finally {
    await consumer.disconnect();
  }
}

describe('invoice generation and tax services on Kafka', () => {
  it('turn a work item into GroupInvoiced on the results topic, Draft and Posted alike', async () => {
    const draftTerms = scheduleTerms({ id: 'kafka-bs-1' });
    const postedTerms = scheduleTerms({ id: 'kafka-bs-2', billingAccountId: 'acct-2' });
    await givenRun(database.store, 'run-kafka-draft', 'Draft');
    await givenRun(database.store, 'run-kafka-posted', 'Posted');
    await givenSchedules(database.store, draftTerms, postedTerms);
    const items = [
      workItem('run-kafka-draft', [draftTerms]),
      workItem('run-kafka-posted', [postedTerms], { invoiceStatus: 'Posted' }),
    ];
    await producer.publish(
      `${prefix}${Topics.GroupWork}`,
      items.map((item) => ({ key: item.data.groupingKey, envelope: item })),
    );

    const results = await readGroupResults(2);

    const byRun = new Map(results.map((result) => [result.data.runId, result]));
    expect([...byRun.keys()].sort()).toEqual(['run-kafka-draft', 'run-kafka-posted']);
    expect(byRun.get('run-kafka-draft')).toMatchObject({
      type: 'GroupInvoiced',
      data: {
        invoiceIds: [invoiceIdOf('run-kafka-draft', groupingKeyOfTerms(draftTerms), 0)],
        invoiceStatus: 'Draft',
        amounts: [{ currency: 'USD', subtotal: '509.68', tax: '36.95', total: '546.63' }],
      },
    });
    expect(byRun.get('run-kafka-posted')).toMatchObject({
      type: 'GroupInvoiced',
      data: { invoiceStatus: 'Posted', amounts: [{ total: '546.63' }] },
    });
    const posted = await database.store.readStream(
      `invoice-${invoiceIdOf('run-kafka-posted', groupingKeyOfTerms(postedTerms), 0)}`,
    );
    expect(posted.map((event) => event.type)).toEqual([
      'InvoiceDraftingStarted',
      'InvoiceDrafted',
      'InvoicePostingStarted',
      'InvoicePosted',
    ]);
  });
});
