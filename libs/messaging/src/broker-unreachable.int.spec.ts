import { describe, expect, it, jest } from '@jest/globals';
import { BatchingProducer } from './batching-producer';
import { KafkaBrokerUnreachableError } from './broker-unreachable';
import { KafkaConsumerRunner } from './consumer-runner';
import { createKafkaClient } from './kafka-client';
import { kafkaConnectionConfig } from './kafka-connection-config';
import type { MessagingLogger } from './messaging-logger';
import { ensureTopics } from './topics';

jest.setTimeout(30_000);

function recordingLogger(): MessagingLogger & { readonly errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (_fields, message) => errors.push(message),
  };
}

const nobodyListens = '127.0.0.1:19092';

describe('when no broker answers at the configured address', () => {
  const logger = recordingLogger();
  const client = createKafkaClient(
    kafkaConnectionConfig({ brokers: [nobodyListens], clientId: 'unreachable-int' }),
    logger,
  );

  it.each([
    ['connecting a producer', () => BatchingProducer.connect(client)],
    ['creating topics', () => ensureTopics(client, [{ topic: 'never-created', partitions: 1 }])],
    [
      'starting a consumer',
      () =>
        new KafkaConsumerRunner(client, {
          groupId: 'g',
          subscriptions: [{ topic: 't', handler: () => Promise.resolve() }],
        }).start(),
    ],
  ])('%s fails within seconds with one error naming the address and the fix', async (_action, action) => {
    const startedAt = Date.now();
    const outcome = await action().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(outcome).toBeInstanceOf(KafkaBrokerUnreachableError);
    expect((outcome as Error).message).toContain(`Cannot reach the Kafka broker at ${nobodyListens}`);
    expect((outcome as Error).message).toContain('npm run kafka -- start');
    expect(logger.errors).toEqual([]);
  });
});
