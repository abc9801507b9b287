import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { IsInt, Min } from 'class-validator';
import { BatchingProducer } from './batching-producer';
import { KafkaConsumerRunner } from './consumer-runner';
import { encodeEnvelope } from './envelope-codec';
import { PermanentError } from './message-errors';
import { eventually, header, readTopic, testClient, testEnvelope, uniqueName } from './test-broker.fixture';

// The project-level testTimeout does not reach these files; talking to a real broker takes seconds.
jest.setTimeout(60_000);

class Numbered {
  @IsInt() @Min(0) sequence!: number;
}

const client = testClient('dead-letter-int');
let runner: KafkaConsumerRunner | undefined;

afterEach(async () => {
  await runner?.stop();
});

describe('when poison messages sit in a partition', () => {
  it('dead-letters each with its reason and origin, and handles the messages behind them', async () => {
    const topic = uniqueName('poison');
    const groupId = uniqueName('group');
    const handled: number[] = [];
    runner = new KafkaConsumerRunner(client, {
      groupId,
      topics: [{ topic, partitions: 1 }],
      subscriptions: [
        {
          topic,
          messageClasses: { Numbered },
          handler: (message) => {
            const { sequence } = message.envelope.data as Numbered;
            if (sequence === 3) {
              return Promise.reject(new PermanentError('billing schedule 3 is closed'));
            }
            handled.push(sequence);
            return Promise.resolve();
          },
        },
      ],
    });
    await runner.start();

    const producer = client.kafka.producer();
    await producer.connect();
    const valid = (sequence: number) => encodeEnvelope('customer-1', testEnvelope('Numbered', { sequence }));
    await producer.send({
      topic,
      messages: [
        valid(0),
        { key: 'customer-1', value: '{"this is": not json' },
        valid(1),
        { ...valid(2), value: JSON.stringify(testEnvelope('Numbered', { sequence: -5 })) },
        valid(3),
        valid(4),
      ],
    });
    await producer.disconnect();

    await eventually(() => handled.includes(4), 'the message behind the poison ones');
    expect(handled).toEqual([0, 1, 4]);

    const deadLetters = await readTopic(client, `${topic}.dlq`, 3);
    expect(deadLetters.map((message) => header(message, 'dlq-original-offset'))).toEqual(['1', '3', '4']);
    expect(deadLetters.map((message) => header(message, 'dlq-kind'))).toEqual([
      'invalid-message',
      'invalid-message',
      'permanent-error',
    ]);
    expect(header(deadLetters[0]!, 'dlq-reason')).toMatch(/not JSON/);
    expect(header(deadLetters[1]!, 'dlq-reason')).toMatch(/data of Numbered: sequence/);
    expect(header(deadLetters[2]!, 'dlq-reason')).toBe('PermanentError: billing schedule 3 is closed');
    for (const message of deadLetters) {
      expect(header(message, 'dlq-original-topic')).toBe(topic);
      expect(header(message, 'dlq-original-partition')).toBe('0');
      expect(header(message, 'dlq-original-key')).toBe('customer-1');
      expect(header(message, 'dlq-consumer-group')).toBe(groupId);
      expect(message.key?.toString()).toBe('customer-1');
    }
    expect(deadLetters[0]!.value?.toString()).toBe('{"this is": not json');
  });
});

describe('when a handler keeps failing with an unexpected error', () => {
  it('gives up after the retry cap and dead-letters it saying so', async () => {
    const topic = uniqueName('unknown-error');
    runner = new KafkaConsumerRunner(client, {
      groupId: uniqueName('group'),
      topics: [{ topic, partitions: 1 }],
      retryPolicy: { initialBackoffMs: 10, maxUnknownErrorAttempts: 3 },
      subscriptions: [{ topic, handler: () => Promise.reject(new Error('undefined is not a function')) }],
    });
    await runner.start();
    const producer = await BatchingProducer.connect(client);
    await producer.publish(topic, [{ key: 'k', envelope: testEnvelope('Numbered', { sequence: 0 }) }]);
    await producer.disconnect();

    const [deadLetter] = await readTopic(client, `${topic}.dlq`, 1);
    expect(header(deadLetter!, 'dlq-kind')).toBe('retries-exhausted');
    expect(header(deadLetter!, 'dlq-attempts')).toBe('3');
    expect(header(deadLetter!, 'dlq-reason')).toBe(
      'gave up after 3 attempts: Error: undefined is not a function',
    );
    expect(header(deadLetter!, 'type')).toBe('Numbered');
  });
});
