import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';

/**
 * A category no other test uses, so that tests can share one store (EventStoreDB cannot be emptied
 * between tests) and still subscribe to "all" of their own events through a category filter.
 */
export function uniqueCategory(): string {
  return `contract${randomBytes(6).toString('hex')}`;
}

export function anEvent(type = 'ContractEventRecorded', data: unknown = { value: 1 }): EventEnvelope {
  return {
    messageId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      correlationId: 'run-1',
      causationId: randomUUID(),
      groupingKey: 'group-1',
      runId: 'run-1',
      occurredAt: instant('2026-01-31T10:15:00.000Z'),
      producer: 'event-store-contract',
    },
  };
}

export function events(count: number, type?: string): EventEnvelope[] {
  return Array.from({ length: count }, (_, index) => anEvent(type, { index }));
}

export function messageIds(list: readonly { messageId: string }[]): string[] {
  return list.map((event) => event.messageId);
}

export interface Collected {
  readonly events: readonly RecordedEvent[];
  readonly checkpoints: readonly bigint[];
}

/**
 * Subscribes, collects until `done` says so (or the time runs out), then stops. Resolves with what it
 * saw; a timeout is not an error here, the caller's assertions show what was missing.
 */
export async function collect(
  store: EventStore,
  options: Omit<SubscribeToAllOptions, 'onEvents'>,
  done: (seen: readonly RecordedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<Collected> {
  const seen: RecordedEvent[] = [];
  const checkpoints: bigint[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const subscription = store.subscribeToAll({
    ...options,
    onEvents: (batch) => {
      seen.push(...batch.events);
      checkpoints.push(batch.checkpoint);
      if (done(seen)) finish();
      return Promise.resolve();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  await Promise.race([finished, subscription.finished]);
  clearTimeout(timer);
  await subscription.stop();
  return { events: seen, checkpoints };
}

/** The envelope part of a recorded event, to compare with what was appended. */
export function envelopeOf(event: RecordedEvent): EventEnvelope {
  const { messageId, type, schemaVersion, data, metadata } = event;
  return { messageId, type, schemaVersion, data, metadata };
}
