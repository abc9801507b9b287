import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import type { ConsumedMessage, RetryPolicy } from '@invoice-engine/messaging';
import { randomUUID } from 'node:crypto';

/** Test support for the bus specs (not exported from the lib). */
export function testEnvelope<Data>(
  type: string,
  data: Data,
  messageId: string = randomUUID(),
): EventEnvelope<string, Data> {
  return {
    messageId,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      correlationId: 'run-1',
      causationId: 'request-1',
      groupingKey: null,
      runId: 'run-1',
      occurredAt: instant('2026-03-01T06:00:00.000Z'),
      producer: 'embedded-spec',
    },
  };
}

/** Retries after 1, 2, 4, 5, 5 ... ms, so failure specs stay fast. */
export const fastRetries: Partial<RetryPolicy> = { initialBackoffMs: 1, maxBackoffMs: 5 };

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Two keys that Kafka's partitioner puts on different partitions of a topic with `partitions` partitions. */
export function keysOnDifferentPartitions(
  partitionOf: (key: string) => number,
  count: number,
): readonly string[] {
  const keys: string[] = [];
  const partitions = new Set<number>();
  for (let index = 0; keys.length < count; index += 1) {
    const key = `customer-${index}`;
    if (!partitions.has(partitionOf(key))) {
      partitions.add(partitionOf(key));
      keys.push(key);
    }
  }
  return keys;
}

export function dataOf<Data>(message: ConsumedMessage): Data {
  return message.envelope.data as Data;
}
