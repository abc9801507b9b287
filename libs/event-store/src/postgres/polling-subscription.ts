import type {
  EventSubscription,
  GlobalPosition,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';

export interface ReadResult {
  /** Matching events after the requested position, in position order. */
  readonly events: readonly RecordedEvent[];
  /** Every position up to here has been examined and is final: the next read starts after it. */
  readonly readUpTo: GlobalPosition;
  /** Positions beyond `readUpTo` exist but are not final yet: worth another look very soon. */
  readonly pending: boolean;
}

export type ReadBatch = (after: GlobalPosition, limit: number) => Promise<ReadResult>;

const defaultBatchSize = 500;
/** Wait before looking again when positions are allocated but their transactions still run. */
const pendingRetryMs = 5;

/**
 * Reads forward from a checkpoint in batches and hands each batch to the handler; when caught up it
 * sleeps until a notification (`wake()`), a short retry (positions not final yet) or the poll interval.
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
    let next: Promise<ReadResult> | undefined;
    while (!this.stopping) {
      const { events, readUpTo, pending } = await (next ?? this.startRead(after, batchSize));
      next = undefined;
      const progressed = readUpTo > after;
      if (this.stopping) break;
      if (events.length === 0) {
        after = readUpTo > after ? readUpTo : after;
        if (!progressed)
          await this.sleep(pending ? Math.min(pendingRetryMs, this.pollIntervalMs) : this.pollIntervalMs);
        continue;
      }
      if (events.length === batchSize) next = this.startRead(readUpTo, batchSize);
      await onEvents({ events, checkpoint: readUpTo });
      after = readUpTo;
    }
    await next?.catch(() => undefined);
  }

  private startRead(after: GlobalPosition, limit: number): Promise<ReadResult> {
    this.woken = false;
    const read = this.readBatch(after, limit);
    // Handled when awaited; this keeps a failed prefetch from counting as an unhandled rejection meanwhile.
    read.catch(() => undefined);
    return read;
  }

  private sleep(milliseconds: number): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      this.interruptSleep = done;
    });
  }
}
