import { randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConfigurationError } from '@invoice-engine/config';
import { Topics } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { EVENT_STORE, MESSAGE_PUBLISHER, type MessagePublisher } from '@invoice-engine/runtime';
import { startDistributedService } from './start-distributed-service';

const received: EventEnvelope[] = [];

@Controller()
class RecordingConsumer {
  @EventPattern(Topics.InvoiceBatchRuns)
  record(@Payload() envelope: EventEnvelope): void {
    received.push(envelope);
  }
}

@Module({ controllers: [RecordingConsumer] })
class RecordingServiceModule {}

const runId = randomUUID();
/** A valid `InvoiceBatchRunRequested` envelope as the scheduling service publishes it. */
const example = {
  messageId: randomUUID(),
  type: 'InvoiceBatchRunRequested',
  schemaVersion: 1,
  data: {
    runId,
    criteria: {
      currencies: null,
      billingBatches: null,
      legalEntityIds: null,
      billingAccountIds: null,
      chargeTypes: null,
    },
    targetDate: '2026-03-01',
    invoiceDate: '2026-03-01',
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    defaultCurrency: 'USD',
    requestedAt: '2026-03-01T06:00:00.000Z',
    trigger: { type: 'RunNow', schedulerId: 'sched-probe' },
  },
  metadata: {
    correlationId: runId,
    causationId: runId,
    groupingKey: null,
    runId,
    occurredAt: '2026-03-01T06:00:00.000Z',
    producer: 'probe',
  },
};

const suffix = randomUUID().slice(0, 8);
const environment = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  EVENT_STORE_SCHEMA: `es_distributed_${suffix}`,
  READ_MODEL_SCHEMA: `rm_distributed_${suffix}`,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  LOG_LEVEL: 'warn',
};

describe('a distributed service started from its environment', () => {
  it('refuses to start with a malformed environment and names every bad variable', async () => {
    await expect(
      startDistributedService(
        { service: 'probe', serviceModule: RecordingServiceModule },
        { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost', EVENT_STORE_SCHEMA: 'Bad-Name' },
      ),
    ).rejects.toThrow(ConfigurationError);
    await expect(
      startDistributedService(
        { service: 'probe', serviceModule: RecordingServiceModule },
        { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost', EVENT_STORE_SCHEMA: 'Bad-Name' },
      ),
    ).rejects.toThrow(/DATABASE_URL[\s\S]*EVENT_STORE_SCHEMA[\s\S]*KAFKA_BROKERS/);
  });

  it('binds the event store and the publisher, and its Kafka handlers receive validated messages', async () => {
    const app = await startDistributedService(
      {
        service: `probe-${suffix}`,
        serviceModule: { module: RecordingServiceModule, imports: [], providers: [], exports: [] },
      },
      environment,
    );
    try {
      const eventStore = app.get<EventStore>(EVENT_STORE);
      const publisher = app.get<MessagePublisher>(MESSAGE_PUBLISHER);

      const stream = `probe-${suffix}`;
      await eventStore.append(
        stream,
        [{ ...example, messageId: randomUUID(), data: { amount: 10968n } } as EventEnvelope],
        'no-stream',
      );
      expect(await eventStore.readStream(stream)).toHaveLength(1);

      const messageId = randomUUID();
      await publisher.publish(Topics.InvoiceBatchRuns, [
        { key: example.data.runId, envelope: { ...example, messageId } as EventEnvelope },
      ]);
      const deadline = Date.now() + 60_000;
      while (!received.some((envelope) => envelope.messageId === messageId) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(received.find((envelope) => envelope.messageId === messageId)?.data).toMatchObject({
        runId: example.data.runId,
        targetDate: '2026-03-01',
      });
    } finally {
      await app.close();
    }
  });
});
