import { describe, expect, it } from '@jest/globals';
import {
  batchSubscription,
  PermanentError,
  TransientError,
  type ConsumedMessage,
} from '@invoice-engine/messaging';
import { IsInt, Min } from 'class-validator';
import {
  dataOf,
  deferred,
  fastRetries,
  keysOnDifferentPartitions,
  settlesWithin,
  testEnvelope,
} from './bus.fixture';
import { InProcessBus } from './in-process-bus';

interface Step {
  readonly key: string;
  readonly step: number;
}

class StepTaken {
  @IsInt() @Min(1) step!: number;
}

const topic = 'steps';

function stepsOf(messages: readonly ConsumedMessage[]): number[] {
  return messages.map((message) => dataOf<Step>(message).step);
}

function publishSteps(bus: InProcessBus, key: string, steps: readonly number[]): Promise<void> {
  return bus.publish(
    topic,
    steps.map((step) => ({ key, envelope: testEnvelope('StepTaken', { key, step }) })),
  );
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_unused, index) => from + index);
}

describe('a batch subscription on the in-process bus', () => {
  it('gets what its partition holds in slices of at most maxBatchMessages, in publish order', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
    await publishSteps(bus, 'customer-1', range(1, 120));
    const batches: number[][] = [];
    const singles: number[] = [];
    bus.subscribe({
      groupId: 'steps',
      subscriptions: [
        {
          ...batchSubscription(
            topic,
            (messages) => {
              batches.push(stepsOf(messages));
              return Promise.resolve();
            },
            { maxBatchMessages: 50 },
          ),
          handler: (message) => {
            singles.push(dataOf<Step>(message).step);
            return Promise.resolve();
          },
        },
      ],
    });
    await bus.idle();

    expect(batches).toEqual([range(1, 50), range(51, 50), range(101, 20)]);
    expect(singles).toEqual([]);
    expect(bus.lagOf('steps', topic)).toBe(0);
  });

  it('hands a message published while a batch runs to the next call, after that batch', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
    const firstBatchMayEnd = deferred();
    const batches: number[][] = [];
    bus.subscribe({
      groupId: 'steps',
      subscriptions: [
        batchSubscription(topic, async (messages) => {
          batches.push(stepsOf(messages));
          if (batches.length === 1) await firstBatchMayEnd.promise;
        }),
      ],
    });
    await publishSteps(bus, 'customer-1', [1]);
    await publishSteps(bus, 'customer-1', [2, 3]);
    await publishSteps(bus, 'customer-1', [4]);
    firstBatchMayEnd.resolve();
    await bus.idle();

    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('handles the batches of keys on different partitions at the same time', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 8 }] });
    const [slowKey = '', fastKey = ''] = keysOnDifferentPartitions((key) => bus.partitionOf(topic, key), 2);
    await publishSteps(bus, slowKey, [1, 2]);
    await publishSteps(bus, fastKey, [1, 2]);
    const fastKeyHandled = deferred();
    const handled: string[] = [];
    bus.subscribe({
      groupId: 'steps',
      partitionsConsumedConcurrently: 2,
      subscriptions: [
        batchSubscription(topic, async (messages) => {
          const key = messages[0]?.key ?? '';
          // The slow key's batch waits for the fast key's: only parallel partitions let both end.
          if (key === slowKey) await fastKeyHandled.promise;
          handled.push(`${key}: ${stepsOf(messages).join(',')}`);
          if (key === fastKey) fastKeyHandled.resolve();
        }),
      ],
    });

    expect(await settlesWithin(bus.idle(), 2000)).toBe(true);
    expect(handled).toEqual([`${fastKey}: 1,2`, `${slowKey}: 1,2`]);
  });

  it('hands the messages of a failed batch over one by one, with the retries and dead letters of one message', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
    await publishSteps(bus, 'customer-1', [1, 2, 3, 4, 5]);
    const calls: number[][] = [];
    const handled: number[] = [];
    let busyOnStepFour = true;
    bus.subscribe({
      groupId: 'steps',
      retryPolicy: fastRetries,
      subscriptions: [
        batchSubscription(topic, (messages) => {
          const steps = stepsOf(messages);
          calls.push(steps);
          if (steps.includes(2)) return Promise.reject(new PermanentError('step 2 cannot be taken'));
          if (steps.includes(4) && busyOnStepFour) {
            busyOnStepFour = false;
            return Promise.reject(new TransientError('the event store is busy'));
          }
          handled.push(...steps);
          return Promise.resolve();
        }),
      ],
    });
    await bus.idle();

    expect(calls).toEqual([[1, 2, 3, 4, 5], [1], [2], [3], [4], [4], [5]]);
    expect(handled).toEqual([1, 3, 4, 5]);
    expect(bus.deadLetters(topic).map(({ kind, reason }) => ({ kind, reason }))).toEqual([
      { kind: 'permanent-error', reason: 'PermanentError: step 2 cannot be taken' },
    ]);
    expect(bus.lagOf('steps', topic)).toBe(0);
  });

  it('does not call the batch handler with an invalid message: the slice goes one by one and only that message is dead-lettered', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
    await publishSteps(bus, 'customer-1', [1, 0, 3]);
    const calls: number[][] = [];
    bus.subscribe({
      groupId: 'steps',
      subscriptions: [
        batchSubscription(
          topic,
          (messages) => {
            calls.push(stepsOf(messages));
            return Promise.resolve();
          },
          { messageClasses: { StepTaken } },
        ),
      ],
    });
    await bus.idle();

    expect(calls).toEqual([[1], [3]]);
    expect(bus.deadLetters(topic).map(({ kind }) => kind)).toEqual(['invalid-message']);
  });

  it('keeps the messages of a batch interrupted by a stop for the next member of the group', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 3 }] });
    await publishSteps(bus, 'customer-1', [1, 2, 3]);
    const batchStarted = deferred();
    const consumer = bus.subscribe({
      groupId: 'steps',
      retryPolicy: { ...fastRetries, initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      subscriptions: [
        batchSubscription(topic, () => {
          batchStarted.resolve();
          return Promise.reject(new TransientError('the event store is busy'));
        }),
      ],
    });
    await batchStarted.promise;
    await consumer.stop();

    expect(bus.lagOf('steps', topic)).toBe(3);
    const redelivered: number[][] = [];
    bus.subscribe({
      groupId: 'steps',
      subscriptions: [
        batchSubscription(topic, (messages) => {
          redelivered.push(stepsOf(messages));
          return Promise.resolve();
        }),
      ],
    });
    await bus.idle();
    expect(redelivered).toEqual([[1, 2, 3]]);
  });
});
