import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { BatchingProducer } from './batching-producer';
import type { ConsumedMessage } from './consumed-message';
import { KafkaConsumerRunner } from './consumer-runner';
import { TransientError } from './message-errors';
import { eventually, testClient, testEnvelope, uniqueName } from './test-broker.fixture';
import { ensureTopics } from './topics';

// The project-level testTimeout does not reach these files; talking to a real broker takes seconds.
jest.setTimeout(60_000);

const client = testClient('consumer-runner-int');
const running: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((resource) => resource.stop()));
});

async function givenTopicWith(
  messages: Array<{ key: string; sequence: number }>,
  partitions = 6,
): Promise<string> {
  const topic = uniqueName('runner');
  await ensureTopics(client, [
    { topic, partitions },
    { topic: `${topic}.dlq`, partitions },
  ]);
  const producer = await BatchingProducer.connect(client);
  await producer.publish(
    topic,
    messages.map(({ key, sequence }) => ({ key, envelope: testEnvelope('Numbered', { key, sequence }) })),
  );
  await producer.disconnect();
  return topic;
}

async function consume(topic: string, handler: (message: ConsumedMessage) => Promise<void>): Promise<void> {
  const runner = new KafkaConsumerRunner(client, {
    groupId: uniqueName('group'),
    subscriptions: [{ topic, handler }],
    partitionsConsumedConcurrently: 6,
    retryPolicy: { initialBackoffMs: 20, maxBackoffMs: 100 },
  });
  await runner.start();
  running.push(runner);
}

const sequenceOf = (message: ConsumedMessage) => (message.envelope.data as { sequence: number }).sequence;

describe('when messages share a key', () => {
  it('they land on one partition and are handled in the order they were published', async () => {
    const published = Array.from({ length: 300 }, (_, sequence) => ({
      key: `customer-${sequence % 3}`,
      sequence,
    }));
    const topic = await givenTopicWith(published);
    const seen = new Map<string, Array<{ partition: number; sequence: number }>>();
    await consume(topic, async (message) => {
      const key = message.key ?? 'none';
      seen.set(key, [
        ...(seen.get(key) ?? []),
        { partition: message.partition, sequence: sequenceOf(message) },
      ]);
      await new Promise((resolve) => setImmediate(resolve));
    });
    await eventually(() => [...seen.values()].flat().length >= 300, 'all 300 messages');

    for (const key of ['customer-0', 'customer-1', 'customer-2']) {
      const handled = seen.get(key) ?? [];
      expect(new Set(handled.map((entry) => entry.partition)).size).toBe(1);
      const expected = published.filter((message) => message.key === key).map((message) => message.sequence);
      expect(handled.map((entry) => entry.sequence)).toEqual(expected);
    }
  });
});

describe('when messages have different keys', () => {
  it('they spread over partitions and partitions are handled in parallel, one message at a time each', async () => {
    const topic = await givenTopicWith(
      Array.from({ length: 48 }, (_, sequence) => ({ key: `key-${sequence % 24}`, sequence })),
    );
    const inFlightByPartition = new Map<number, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    let maxInFlightInOnePartition = 0;
    let handled = 0;
    await consume(topic, async (message) => {
      inFlight += 1;
      const inPartition = (inFlightByPartition.get(message.partition) ?? 0) + 1;
      inFlightByPartition.set(message.partition, inPartition);
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxInFlightInOnePartition = Math.max(maxInFlightInOnePartition, inPartition);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlightByPartition.set(message.partition, inPartition - 1);
      inFlight -= 1;
      handled += 1;
    });
    await eventually(() => handled >= 48, 'all 48 messages');

    expect(inFlightByPartition.size).toBeGreaterThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlightInOnePartition).toBe(1);
  });
});

describe('when a handler fails transiently', () => {
  it('retries the message without skipping it, and the messages behind it wait their turn', async () => {
    const topic = await givenTopicWith(
      [0, 1, 2].map((sequence) => ({ key: 'one-key', sequence })),
      1,
    );
    const attempts: number[] = [];
    await consume(topic, (message) => {
      attempts.push(sequenceOf(message));
      if (sequenceOf(message) === 1 && attempts.filter((sequence) => sequence === 1).length < 3) {
        return Promise.reject(new TransientError('database briefly unavailable'));
      }
      return Promise.resolve();
    });
    await eventually(() => attempts.includes(2), 'the message behind the failing one');

    expect(attempts).toEqual([0, 1, 1, 1, 2]);
  });
});

describe('when the consumer stops while a message keeps failing transiently', () => {
  it('stops promptly without committing that message, so the group gets it again after a restart', async () => {
    const topic = await givenTopicWith([{ key: 'one-key', sequence: 0 }], 1);
    const groupId = uniqueName('group');
    const attempts: string[] = [];
    const runnerFailing = new KafkaConsumerRunner(client, {
      groupId,
      subscriptions: [
        { topic, handler: () => Promise.reject(new TransientError(`attempt ${attempts.push('first')}`)) },
      ],
      retryPolicy: { initialBackoffMs: 5000, maxBackoffMs: 5000 },
    });
    await runnerFailing.start();
    await eventually(() => attempts.length >= 1, 'the first attempt');

    const stoppingAt = Date.now();
    await runnerFailing.stop();
    expect(Date.now() - stoppingAt).toBeLessThan(4000);

    const runnerSucceeding = new KafkaConsumerRunner(client, {
      groupId,
      subscriptions: [{ topic, handler: () => Promise.resolve(void attempts.push('second')) }],
    });
    await runnerSucceeding.start();
    running.push(runnerSucceeding);
    await eventually(() => attempts.includes('second'), 'the message again after the restart');
    expect(attempts).toEqual(['first', 'second']);
  });
});
