// Shared setup of the integration tests: the broker under test, unique names, envelopes, and reading a
// topic back. Not exported from the library.
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import type { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClient } from './kafka-client';
import { kafkaConnectionConfig } from './kafka-connection-config';
import { silentMessagingLogger, type MessagingLogger } from './messaging-logger';

export const testBrokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

/** Topic and group names unique to one test, so tests never see each other's messages or offsets. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function testClient(clientId: string, logger: MessagingLogger = silentMessagingLogger): KafkaClient {
  return createKafkaClient(kafkaConnectionConfig({ brokers: testBrokers, clientId }), logger);
}

export function testEnvelope(type: string, data: unknown, messageId: string = randomUUID()): EventEnvelope {
  return {
    messageId,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      correlationId: 'run-1',
      causationId: 'test',
      groupingKey: null,
      runId: 'run-1',
      occurredAt: instant('2026-11-26T08:00:00.000Z'),
      producer: 'messaging-tests',
    },
  };
}

/** Waits until `condition` holds, polling; fails with `what` after the timeout. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads `count` messages of a topic from its beginning with a throwaway consumer group. */
export async function readTopic(client: KafkaClient, topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = client.kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        messages.push(message);
        return Promise.resolve();
      },
    });
    await eventually(() => messages.length >= count, `${count} messages on ${topic}`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
