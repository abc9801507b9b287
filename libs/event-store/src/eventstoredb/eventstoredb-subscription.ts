import type { EventSubscription, RecordedEvent, SubscriptionBatch } from '../event-store.port';

/** What the pump needs of the client's `AllStreamSubscription` (a Node Readable in object mode). */
export interface SubscriptionSource<Item> extends AsyncIterable<Item> {
  /** Items already received and buffered: while it is above zero, more can be added to the batch without waiting. */
  readonly readableLength: number;
  unsubscribe(): Promise<void>;
}

export interface PumpOptions<Item> {
  readonly batchSize: number;
  /** The recorded event an item stands for, or null to skip it (system events, other categories or types). */
  readonly accept: (item: Item) => RecordedEvent | null;
  readonly onEvents: (batch: SubscriptionBatch) => Promise<void>;
}

/**
 * Turns the client's one-event-at-a-time subscription into the port's batches: it fills a batch
 * while events are already buffered (catching up) and hands it over as soon as the buffer runs dry
 * or the batch is full, so a live subscriber is not kept waiting for a full batch. The next event is
 * not read until `onEvents` settles (back pressure through the Readable's buffer).
 */
export class EventStoreDbSubscription<Item> implements EventSubscription {
  readonly finished: Promise<void>;
  private stopping = false;

  constructor(
    private readonly source: SubscriptionSource<Item>,
    options: PumpOptions<Item>,
  ) {
    this.finished = this.pump(options);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.source.unsubscribe();
    await this.finished.catch(() => undefined);
  }

  private async pump(options: PumpOptions<Item>): Promise<void> {
    let batch: RecordedEvent[] = [];
    try {
      for await (const item of this.source) {
        if (this.stopping) break;
        const event = options.accept(item);
        if (event !== null) batch.push(event);
        if (batch.length > 0 && (batch.length >= options.batchSize || this.source.readableLength === 0)) {
          const events = batch;
          batch = [];
          await options.onEvents({ events, checkpoint: lastPositionOf(events) });
        }
      }
      if (!this.stopping) throw new Error('EventStoreDB ended the subscription');
    } catch (error) {
      // Unsubscribing cancels the gRPC call; that ends the subscription, it is not a failure.
      if (!this.stopping) throw error;
    } finally {
      if (!this.stopping) await this.source.unsubscribe().catch(() => undefined);
    }
  }
}

function lastPositionOf(events: readonly RecordedEvent[]): bigint {
  const last = events[events.length - 1];
  if (last === undefined) throw new Error('A subscription batch is never empty');
  return last.position;
}
