import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Admin } from 'kafkajs';
import { BatchingProducer } from './batching-producer';
import type { ConsumedMessage } from './consumed-message';
import { KafkaConsumerRunner } from './consumer-runner';
import { TransientError } from './message-errors';
import { eventually, testClient, testEnvelope, uniqueName } from './test-broker.fixture';
import { ensureTopics } from './topics';

// The project-level testTimeout does not reach these files; talking to a real broker takes seconds.
jest.setTimeout(60_000);

const client = testClient('offset-commits-int');
const running: KafkaConsumerRunner[] = [];
let admin: Admin;

beforeAll(async () => {
  admin = client.kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((runner) => runner.stop()));
});

async function givenTopic(partitions: number, messages: ReadonlyArray<{ key: string; sequence: number }>) {
  const topic = uniqueName('commits');
  await ensureTopics(client, [
    { topic, partitions },
    { topic: `${topic}.dlq`, partitions },
  ]);
  const producer = await BatchingProducer.connect(client);
  await producer.publish(
    topic,
    messages.map(({ key, sequence }) => ({ key, envelope: testEnvelope('Numbered', { sequence }) })),
  );
  await producer.disconnect();
  return topic;
}

async function startRunner(
  topic: string,
  groupId: string,
  handler: (message: ConsumedMessage) => Promise<void>,
): Promise<void> {
  const runner = new KafkaConsumerRunner(client, {
    groupId,
    subscriptions: [{ topic, handler }],
    partitionsConsumedConcurrently: 3,
    commitIntervalMs: 50,
    retryPolicy: { initialBackoffMs: 20, maxBackoffMs: 40 },
  });
  await runner.start();
  running.push(runner);
}

/** The group's committed offset of each partition, '-1' where it has none. */
async function committed(groupId: string, topic: string): Promise<Map<number, string>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((offsets?.partitions ?? []).map(({ partition, offset }) => [partition, offset]));
}

async function topicEnds(topic: string): Promise<Map<number, string>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map(({ partition, high }) => [partition, high]));
}

const sequenceOf = (message: ConsumedMessage) => (message.envelope.data as { sequence: number }).sequence;

describe('when the partitions go quiet after their messages were handled', () => {
  it('commits every partition up to its end while the consumer keeps running', async () => {
    const topic = await givenTopic(
      3,
      Array.from({ length: 30 }, (_, sequence) => ({ key: `key-${sequence % 7}`, sequence })),
    );
    const groupId = uniqueName('group');
    let handled = 0;
    await startRunner(topic, groupId, () => Promise.resolve(void (handled += 1)));
    await eventually(() => handled >= 30, 'all 30 messages');
    const ends = await topicEnds(topic);

    let latest = new Map<number, string>();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      latest = await committed(groupId, topic);
      if ([...ends].every(([partition, end]) => latest.get(partition) === end)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(latest).toEqual(ends);
  });
});

describe('when a message keeps failing transiently while later partitions and commits go on', () => {
  it('never commits its partition past it, and commits past it once it succeeded', async () => {
    const topic = await givenTopic(
      1,
      [0, 1, 2, 3, 4].map((sequence) => ({ key: 'one-key', sequence })),
    );
    const groupId = uniqueName('group');
    let failing = true;
    let attemptsOfTwo = 0;
    const handled: number[] = [];
    await startRunner(topic, groupId, (message) => {
      if (sequenceOf(message) === 2 && failing) {
        attemptsOfTwo += 1;
        return Promise.reject(new TransientError('tax engine unavailable'));
      }
      handled.push(sequenceOf(message));
      return Promise.resolve();
    });
    // Retried with 20–40 ms waits: ten attempts span several 50 ms commit intervals.
    await eventually(() => attemptsOfTwo >= 10, 'ten attempts of message 2');
    await eventually(() => handled.length === 2, 'messages 0 and 1');

    let whileFailing = new Map<number, string>();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && whileFailing.get(0) !== '2') {
      whileFailing = await committed(groupId, topic);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(whileFailing.get(0)).toBe('2');
    const attemptsSoFar = attemptsOfTwo;
    await eventually(() => attemptsOfTwo >= attemptsSoFar + 5, 'five more attempts of message 2');
    expect((await committed(groupId, topic)).get(0)).toBe('2');
    expect(handled).toEqual([0, 1]);

    failing = false;
    await eventually(() => handled.length === 5, 'messages 2 to 4');
    let afterwards = new Map<number, string>();
    while (Date.now() < deadline + 20_000 && afterwards.get(0) !== '5') {
      afterwards = await committed(groupId, topic);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(afterwards.get(0)).toBe('5');
    expect(handled).toEqual([0, 1, 2, 3, 4]);
  });
});
