import type {
  EventSubscription,
  GlobalPosition,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';

export type ReadBatch = (after: GlobalPosition, limit: number) => Promise<readonly RecordedEvent[]>;

const defaultBatchSize = 500;

/**
 * Reads forward from a checkpoint in batches, hands each batch to the handler, and when caught up
 * sleeps until a notification (`wake()`) or the poll interval, whichever comes first. Reading is safe
 * without gap handling because the store makes positions visible in order (see append_events).
 */
export class PollingSubscription implements EventSubscription {
  readonly finished: Promise<void>;
  private stopping = false;
  /** Set by `wake()`; cleared before each read so a notification during a read is never lost. */
  private woken = false;
  private interruptSleep: (() => void) | undefined;

  constructor(
    private readonly readBatch: ReadBatch,
    private readonly options: SubscribeToAllOptions,
    private readonly pollIntervalMs: number,
  ) {
    this.finished = this.run();
  }

  wake(): void {
    this.woken = true;
    this.interruptSleep?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.interruptSleep?.();
    await this.finished.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { from, onEvents } = this.options;
    const batchSize = this.options.batchSize ?? defaultBatchSize;
    let after = from === 'start' ? 0n : from.after;
    // Read the next batch while the handler works on the current one: catch-up runs at the speed of
    // the slower of the two instead of their sum.
    let next: Promise<readonly RecordedEvent[]> | undefined;
    while (!this.stopping) {
      const events = await (next ?? this.startRead(after, batchSize));
      next = undefined;
      const last = events[events.length - 1];
      if (!last) {
        await this.sleep();
        continue;
      }
      if (this.stopping) break;
      if (events.length === batchSize) next = this.startRead(last.position, batchSize);
      await onEvents({ events, checkpoint: last.position });
      after = last.position;
    }
    await next?.catch(() => undefined);
  }

  private startRead(after: GlobalPosition, limit: number): Promise<readonly RecordedEvent[]> {
    this.woken = false;
    const read = this.readBatch(after, limit);
    // Handled when awaited; this keeps a failed prefetch from counting as an unhandled rejection meanwhile.
    read.catch(() => undefined);
    return read;
  }

  private sleep(): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.interruptSleep = done;
    });
  }
}
