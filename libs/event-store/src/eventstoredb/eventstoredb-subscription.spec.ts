import { describe, expect, it } from '@jest/globals';
import { instant } from '@invoice-engine/kernel';
import { Readable } from 'node:stream';
import type { RecordedEvent, SubscriptionBatch } from '../event-store.port';
import { EventStoreDbSubscription, type SubscriptionSource } from './eventstoredb-subscription';

/** A stand-in for the client's subscription: an object-mode Readable the test pushes positions into. */
function fakeSource(): Readable & SubscriptionSource<bigint> {
  const readable = new Readable({ objectMode: true, read: () => undefined });
  return Object.assign(readable, {
    unsubscribe: () => {
      readable.destroy();
      return Promise.resolve();
    },
  });
}

function recorded(position: bigint): RecordedEvent {
  return {
    messageId: `m${position}`,
    type: 'Probed',
    schemaVersion: 1,
    data: {},
    metadata: {
      correlationId: 'c',
      causationId: 'c',
      groupingKey: null,
      runId: null,
      occurredAt: instant('2026-01-01T00:00:00.000Z'),
      producer: 'test',
    },
    streamId: 'probe-1',
    revision: position,
    position,
  };
}

function positionsOf(batches: readonly SubscriptionBatch[]): bigint[][] {
  return batches.map((batch) => batch.events.map((event) => event.position));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a subscription catching up and then live', () => {
  it('fills batches from what is buffered, hands over a partial batch when the buffer runs dry, then goes one by one', async () => {
    const source = fakeSource();
    const batches: SubscriptionBatch[] = [];
    [1n, 2n, 3n, 4n, 5n].forEach((position) => source.push(position));
    const subscription = new EventStoreDbSubscription(source, {
      batchSize: 2,
      accept: (position) => (position === 4n ? null : recorded(position)),
      onEvents: (batch) => {
        batches.push(batch);
        return Promise.resolve();
      },
    });
    await settle();
    source.push(9n);
    await settle();
    await subscription.stop();
    await subscription.finished;

    expect(positionsOf(batches)).toEqual([[1n, 2n], [3n, 5n], [9n]]);
    expect(batches.map((batch) => batch.checkpoint)).toEqual([2n, 5n, 9n]);
  });
});

describe('a subscription whose handler fails', () => {
  it('ends and rejects finished with that error', async () => {
    const source = fakeSource();
    source.push(1n);
    const subscription = new EventStoreDbSubscription(source, {
      batchSize: 10,
      accept: recorded,
      onEvents: () => Promise.reject(new Error('projection failed')),
    });

    await expect(subscription.finished).rejects.toThrow('projection failed');
    await expect(subscription.stop()).resolves.toBeUndefined();
  });
});

describe('a subscription the server ends', () => {
  it('rejects finished, since only stop() ends a subscription normally', async () => {
    const source = fakeSource();
    const subscription = new EventStoreDbSubscription(source, {
      batchSize: 10,
      accept: recorded,
      onEvents: () => Promise.resolve(),
    });
    source.push(null);

    await expect(subscription.finished).rejects.toThrow('EventStoreDB ended the subscription');
  });
});
