import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { IsInt } from 'class-validator';
import { BatchingProducer } from './batching-producer';
import { batchSubscription } from './batch-subscription';
import type { ConsumedMessage } from './consumed-message';
import { KafkaConsumerRunner } from './consumer-runner';
import { PermanentError } from './message-errors';
import { eventually, header, readTopic, testClient, testEnvelope, uniqueName } from './test-broker.fixture';
import { ensureTopics } from './topics';

// The project-level testTimeout does not reach these files; talking to a real broker takes seconds.
jest.setTimeout(60_000);

const client = testClient('batch-subscription-int');
const running: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((resource) => resource.stop()));
});

/** A one-partition topic holding `count` numbered messages, published before anyone consumes. */
async function givenTopicWith(count: number, poisoned: ReadonlySet<number> = new Set()): Promise<string> {
  const topic = uniqueName('batches');
  await ensureTopics(client, [
    { topic, partitions: 1 },
    { topic: `${topic}.dlq`, partitions: 1 },
  ]);
  const producer = await BatchingProducer.connect(client);
  await producer.publish(
    topic,
    Array.from({ length: count }, (_, sequence) => ({
      key: 'run-1',
      envelope: testEnvelope(poisoned.has(sequence) ? 'Poison' : 'Numbered', { sequence }),
    })),
  );
  await producer.disconnect();
  return topic;
}

async function consume(
  topic: string,
  handler: (messages: readonly ConsumedMessage[]) => Promise<void>,
  maxBatchMessages: number,
): Promise<void> {
  const runner = new KafkaConsumerRunner(client, {
    groupId: uniqueName('group'),
    subscriptions: [batchSubscription(topic, handler, { maxBatchMessages })],
    retryPolicy: { initialBackoffMs: 20, maxBackoffMs: 100 },
  });
  await runner.start();
  running.push(runner);
}

/** Data of `Numbered` messages; counts how many times a message's data was decoded and validated. */
class CountedNumbered {
  static decoded = 0;
  @IsInt() sequence!: number;
  constructor() {
    CountedNumbered.decoded += 1;
  }
}

const sequenceOf = (message: ConsumedMessage) => (message.envelope.data as { sequence: number }).sequence;

describe('a batch subscription', () => {
  it('hands a partition its messages together, in order, at most the slice size at once', async () => {
    const topic = await givenTopicWith(200);
    const batches: number[][] = [];
    await consume(
      topic,
      (messages) => {
        batches.push(messages.map(sequenceOf));
        return Promise.resolve();
      },
      64,
    );
    await eventually(() => batches.flat().length >= 200, 'all 200 messages');
    expect(batches.flat()).toEqual(Array.from({ length: 200 }, (_, sequence) => sequence));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(64);
  });

  it('falls back to one message at a time when a batch fails, dead-letters the culprit and handles the rest', async () => {
    const topic = await givenTopicWith(20, new Set([7]));
    const handledAlone: number[] = [];
    const handledTogether: number[] = [];
    await consume(
      topic,
      (messages) => {
        if (messages.some((message) => message.envelope.type === 'Poison')) {
          return Promise.reject(new PermanentError('a poisoned message'));
        }
        (messages.length === 1 ? handledAlone : handledTogether).push(...messages.map(sequenceOf));
        return Promise.resolve();
      },
      50,
    );
    const [deadLetter] = await readTopic(client, `${topic}.dlq`, 1);
    await eventually(() => handledAlone.length + handledTogether.length >= 19, 'the 19 good messages');
    expect(deadLetter && header(deadLetter, 'dlq-original-offset')).toBeDefined();
    expect([...handledTogether, ...handledAlone].sort((left, right) => left - right)).toEqual(
      Array.from({ length: 20 }, (_, sequence) => sequence).filter((sequence) => sequence !== 7),
    );
    expect(handledAlone).toContain(6);
  });

  it('decodes and validates each message handled together once, and commits past it on stop', async () => {
    const topic = await givenTopicWith(60);
    const groupId = uniqueName('group');
    const handled: number[] = [];
    CountedNumbered.decoded = 0;
    const runner = new KafkaConsumerRunner(client, {
      groupId,
      subscriptions: [
        batchSubscription(
          topic,
          (messages) => {
            handled.push(...messages.map(sequenceOf));
            return Promise.resolve();
          },
          { maxBatchMessages: 25, messageClasses: { Numbered: CountedNumbered } },
        ),
      ],
      commitIntervalMs: 50,
    });
    await runner.start();
    await eventually(() => handled.length >= 60, 'all 60 messages');
    await runner.stop();
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(committed?.partitions[0]?.offset).toBe('60');
    } finally {
      await admin.disconnect();
    }
    expect(handled).toEqual(Array.from({ length: 60 }, (_, sequence) => sequence));
    expect(CountedNumbered.decoded).toBe(60);
  });
});
