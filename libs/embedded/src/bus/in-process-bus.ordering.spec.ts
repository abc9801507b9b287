import { describe, expect, it } from '@jest/globals';
import type { ConsumedMessage } from '@invoice-engine/messaging';
import {
  dataOf,
  keysOnDifferentPartitions,
  settlesWithin,
  sleep,
  testEnvelope,
  deferred,
} from './bus.fixture';
import { InProcessBus } from './in-process-bus';

interface Numbered {
  readonly key: string;
  readonly sequence: number;
}

const topic = 'orders';

describe('messages on the in-process bus', () => {
  it('reach the handler in publish order per key while partitions are handled in parallel, at most N at once', async () => {
    const bus = new InProcessBus({ topics: [{ topic, partitions: 8 }] });
    const received = new Map<string, number[]>();
    const activeByKey = new Map<string, number>();
    let active = 0;
    let mostActive = 0;
    let mostActiveOnOneKey = 0;
    bus.subscribe({
      groupId: 'order-handlers',
      partitionsConsumedConcurrently: 3,
      subscriptions: [
        {
          topic,
          handler: async (message: ConsumedMessage) => {
            const { key, sequence } = dataOf<Numbered>(message);
            active += 1;
            activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
            mostActive = Math.max(mostActive, active);
            mostActiveOnOneKey = Math.max(mostActiveOnOneKey, activeByKey.get(key) ?? 0);
            await sleep((sequence * 7 + key.length) % 3);
            received.set(key, [...(received.get(key) ?? []), sequence]);
            activeByKey.set(key, (activeByKey.get(key) ?? 1) - 1);
            active -= 1;
          },
        },
      ],
    });
    const keys = Array.from({ length: 10 }, (_unused, index) => `customer-${index}`);
    for (let sequence = 0; sequence < 20; sequence += 1) {
      await bus.publish(
        topic,
        keys.map((key) => ({ key, envelope: testEnvelope('OrderNoted', { key, sequence }) })),
      );
    }
    await bus.idle();

    const inOrder = Array.from({ length: 20 }, (_unused, sequence) => sequence);
    keys.forEach((key) => expect(received.get(key)).toEqual(inOrder));
    expect(new Set(keys.map((key) => bus.partitionOf(topic, key))).size).toBeGreaterThan(3);
    expect(mostActive).toBe(3);
    expect(mostActiveOnOneKey).toBe(1);
  });

  describe('when two keys sit on different partitions', () => {
    async function overlapOf(partitionsConsumedConcurrently: number, waitMs: number): Promise<boolean[]> {
      const bus = new InProcessBus({ topics: [{ topic, partitions: 6 }] });
      const [first, second] = keysOnDifferentPartitions((key) => bus.partitionOf(topic, key), 2);
      const started = new Map([first!, second!].map((key) => [key, deferred()]));
      const overlapped: boolean[] = [];
      bus.subscribe({
        groupId: 'overlap',
        partitionsConsumedConcurrently,
        subscriptions: [
          {
            topic,
            handler: async (message) => {
              const { key } = dataOf<Numbered>(message);
              started.get(key)?.resolve();
              const other = key === first ? second! : first!;
              // Each handler waits for the other one to start: only concurrent handlers both see it.
              overlapped.push(await settlesWithin(started.get(other)!.promise, waitMs));
            },
          },
        ],
      });
      await bus.publish(
        topic,
        [first!, second!].map((key) => ({ key, envelope: testEnvelope('OrderNoted', { key, sequence: 0 }) })),
      );
      await bus.idle();
      return overlapped;
    }

    it('runs their handlers at the same time', async () => {
      expect(await overlapOf(2, 2000)).toEqual([true, true]);
    });

    it('runs them one after the other when the group may handle one partition at a time', async () => {
      expect(await overlapOf(1, 50)).toEqual([false, true]);
    });
  });
});
