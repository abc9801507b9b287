import type { EventStore } from '@invoice-engine/event-store';

type EventStoreCall = 'readStream' | 'readStreams' | 'append' | 'appendMany';

/**
 * The store as it is, remembering (in order) each call of the named methods the handler makes: how a
 * spec counts the round trips a batch costs. Test-only.
 */
export function recordingEventStore(
  store: EventStore,
  recorded: readonly EventStoreCall[],
): { store: EventStore; calls: EventStoreCall[] } {
  const calls: EventStoreCall[] = [];
  const recording = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!(recorded as readonly PropertyKey[]).includes(property)) return method;
      return (...args: unknown[]) => {
        calls.push(property as EventStoreCall);
        return method(...args);
      };
    },
  });
  return { store: recording, calls };
}
