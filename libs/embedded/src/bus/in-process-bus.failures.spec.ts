import { describe, expect, it } from '@jest/globals';
import {
  deadLetterHeader,
  envelopeHeader,
  PermanentError,
  TransientError,
  type ConsumedMessage,
} from '@invoice-engine/messaging';
import { IsInt, Min } from 'class-validator';
import { dataOf, fastRetries, keysOnDifferentPartitions, sleep, testEnvelope } from './bus.fixture';
import { InProcessBus } from './in-process-bus';

interface Step {
  readonly key: string;
  readonly step: number;
}

const topic = 'steps';

function busWithOneKey(): { bus: InProcessBus; publishSteps: (...steps: number[]) => Promise<void> } {
  const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
  const publishSteps = (...steps: number[]) =>
    bus.publish(
      topic,
      steps.map((step) => ({
        key: 'customer-1',
        envelope: testEnvelope('StepTaken', { key: 'customer-1', step }),
      })),
    );
  return { bus, publishSteps };
}

describe('a handler failing on the in-process bus', () => {
  describe('with a transient error', () => {
    it('is called again with backoff until it succeeds, and nothing behind the message overtakes it', async () => {
      const { bus, publishSteps } = busWithOneKey();
      const calls: number[] = [];
      const failuresLeft = new Map([[2, 2]]);
      bus.subscribe({
        groupId: 'steps',
        retryPolicy: { initialBackoffMs: 20, maxBackoffMs: 20 },
        subscriptions: [
          {
            topic,
            handler: (message: ConsumedMessage) => {
              const { step } = dataOf<Step>(message);
              calls.push(step);
              const left = failuresLeft.get(step) ?? 0;
              if (left > 0) {
                failuresLeft.set(step, left - 1);
                return Promise.reject(new TransientError('the database is briefly unavailable'));
              }
              return Promise.resolve();
            },
          },
        ],
      });
      await publishSteps(1, 2, 3);
      await bus.idle();

      expect(calls).toEqual([1, 2, 2, 2, 3]);
      expect(bus.deadLetters(topic)).toEqual([]);
    });

    it('holds only its own partition: other partitions go on meanwhile', async () => {
      const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
      const [stuckKey, freeKey] = keysOnDifferentPartitions((key) => bus.partitionOf(topic, key), 2);
      const handled: string[] = [];
      let stuckAttempts = 0;
      bus.subscribe({
        groupId: 'steps',
        retryPolicy: { initialBackoffMs: 30, maxBackoffMs: 30 },
        subscriptions: [
          {
            topic,
            handler: (message) => {
              const { key } = dataOf<Step>(message);
              if (key === stuckKey && stuckAttempts++ < 3) {
                return Promise.reject(new TransientError('tax engine timed out'));
              }
              handled.push(key);
              return Promise.resolve();
            },
          },
        ],
      });
      await bus.publish(topic, [
        { key: stuckKey!, envelope: testEnvelope('StepTaken', { key: stuckKey, step: 1 }) },
      ]);
      await sleep(5);
      await bus.publish(topic, [
        { key: freeKey!, envelope: testEnvelope('StepTaken', { key: freeKey, step: 1 }) },
      ]);
      await bus.idle();

      expect(handled).toEqual([freeKey, stuckKey]);
    });
  });

  describe('with a permanent error', () => {
    it('dead-letters the message with the reason and moves on to the next one', async () => {
      const { bus, publishSteps } = busWithOneKey();
      const calls: number[] = [];
      bus.subscribe({
        groupId: 'steps',
        subscriptions: [
          {
            topic,
            handler: (message) => {
              const { step } = dataOf<Step>(message);
              calls.push(step);
              return step === 2
                ? Promise.reject(new PermanentError('the billing account is closed'))
                : Promise.resolve();
            },
          },
        ],
      });
      await publishSteps(1, 2, 3);
      await bus.idle();

      expect(calls).toEqual([1, 2, 3]);
      const [deadLetter, ...others] = bus.deadLetters(topic);
      expect(others).toEqual([]);
      expect(deadLetter).toMatchObject({
        topic: 'steps.dlq',
        key: 'customer-1',
        kind: 'permanent-error',
        reason: 'PermanentError: the billing account is closed',
      });
      expect(JSON.parse(deadLetter!.value)).toMatchObject({ data: { step: 2 } });
      expect(deadLetter!.headers).toMatchObject({
        [envelopeHeader.type]: 'StepTaken',
        [deadLetterHeader.originalTopic]: topic,
        [deadLetterHeader.originalPartition]: String(bus.partitionOf(topic, 'customer-1')),
        [deadLetterHeader.originalOffset]: '1',
        [deadLetterHeader.consumerGroup]: 'steps',
        [deadLetterHeader.attempts]: '1',
      });
    });
  });

  describe('with an error it cannot classify', () => {
    it('retries a few times, then dead-letters it as retries exhausted', async () => {
      const { bus, publishSteps } = busWithOneKey();
      let calls = 0;
      bus.subscribe({
        groupId: 'steps',
        retryPolicy: { ...fastRetries, maxUnknownErrorAttempts: 3 },
        subscriptions: [
          {
            topic,
            handler: () => {
              calls += 1;
              return Promise.reject(new Error('a bug'));
            },
          },
        ],
      });
      await publishSteps(1);
      await bus.idle();

      expect(calls).toBe(3);
      expect(bus.deadLetters(topic).map(({ kind, reason }) => ({ kind, reason }))).toEqual([
        { kind: 'retries-exhausted', reason: 'gave up after 3 attempts: Error: a bug' },
      ]);
    });
  });
});

class StepTaken {
  @IsInt() @Min(1) step!: number;
}

describe('an invalid message on the in-process bus', () => {
  it('goes to the dead-letter topic without calling the handler, and the partition moves on', async () => {
    const { bus, publishSteps } = busWithOneKey();
    const calls: number[] = [];
    bus.subscribe({
      groupId: 'steps',
      subscriptions: [
        {
          topic,
          messageClasses: { StepTaken },
          handler: (message) => {
            calls.push(dataOf<Step>(message).step);
            return Promise.resolve();
          },
        },
      ],
    });
    await publishSteps(1, 0, 3);
    await bus.idle();

    expect(calls).toEqual([1, 3]);
    expect(bus.deadLetters(topic).map(({ kind, reason }) => ({ kind, reason }))).toEqual([
      {
        kind: 'invalid-message',
        reason: 'InvalidMessageError: invalid data of StepTaken: step: step must not be less than 1',
      },
    ]);
  });
});
