// A fake of the event store port's subscription side for projection tests: an in-memory log that
// delivers batches the way the port promises (commit order, filtered, after a checkpoint, one batch
// at a time, then live). Fakes are for ports only; the projection code under test is real.
import type {
  EventSubscription,
  GlobalPosition,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionStart,
} from '@invoice-engine/event-store';
import { instant } from '@invoice-engine/kernel';
import type { ProjectionEventSource } from './run-projection';

export class RecordedEventLog implements ProjectionEventSource {
  private readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private readonly waiting = new Set<() => void>();
  /** Where each subscription started, so tests can see a runner resume from its checkpoint. */
  readonly starts: SubscriptionStart[] = [];

  record(streamId: string, type: string): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1n) + 1n;
    this.revisions.set(streamId, revision);
    // Positions grow with gaps, as a real store's do.
    const position = BigInt(this.events.length + 1) * 10n;
    const event: RecordedEvent = {
      messageId: `${streamId}/${revision}`,
      type,
      schemaVersion: 1,
      data: {},
      metadata: {
        correlationId: 'run-1',
        causationId: 'command-1',
        groupingKey: null,
        runId: 'run-1',
        occurredAt: instant('2026-01-01T00:00:00.000Z'),
        producer: 'read-models-test',
      },
      streamId,
      revision,
      position,
    };
    this.events.push(event);
    for (const wake of this.waiting) wake();
    this.waiting.clear();
    return event;
  }

  get recorded(): readonly RecordedEvent[] {
    return [...this.events];
  }

  get lastPosition(): GlobalPosition {
    return this.events.at(-1)?.position ?? 0n;
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    this.starts.push(options.from);
    let stopped = false;
    let wakeThis: () => void = () => undefined;
    let after = options.from === 'start' ? -1n : options.from.after;
    const types = options.filter?.eventTypes;
    const deliver = async (): Promise<void> => {
      while (!stopped) {
        const pending = this.events.filter((event) => event.position > after);
        if (pending.length === 0) {
          await new Promise<void>((resolve) => {
            wakeThis = resolve;
            this.waiting.add(resolve);
          });
          continue;
        }
        const slice = pending.slice(0, options.batchSize ?? 100);
        const last = slice.at(-1);
        if (last === undefined) continue;
        const events = slice.filter((event) => types === undefined || types.includes(event.type));
        if (events.length > 0) await options.onEvents({ events, checkpoint: last.position });
        after = last.position;
      }
    };
    const finished = deliver();
    return {
      finished,
      stop: async () => {
        stopped = true;
        this.waiting.delete(wakeThis);
        wakeThis();
        await finished.catch(() => undefined);
      },
    };
  }
}
