import {
  defaultRetryPolicy,
  isBatchSubscription,
  type MessagingLogger,
  type RetryPolicy,
  type Subscription,
} from '@invoice-engine/messaging';
import type { BusActivity } from './bus-activity';
import { ConcurrencyLimit } from './concurrency-limit';
import type { DeadLetter } from './dead-letters';
import type { EnvelopeDecoder } from './envelope-decoding';
import { deliverMessage, type DeliveryContext } from './message-delivery';
import type { LoggedMessage, PartitionLog } from './partition-log';
import { deliverSlice } from './slice-delivery';

export interface InProcessConsumerOptions {
  readonly groupId: string;
  /** One handler per topic (as on Kafka); `messageClasses` validate like the Kafka runner. */
  readonly subscriptions: readonly Subscription[];
  /** Partitions handled at the same time by this group (default 4); order holds within each one. */
  readonly partitionsConsumedConcurrently?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
}

/** What a consumer needs from the bus it reads. */
export interface ConsumerHost {
  readonly activity: BusActivity;
  readonly decoder: EnvelopeDecoder;
  readonly logger: MessagingLogger;
  readonly now: () => Date;
  partitionsOf(topic: string): readonly PartitionLog[];
  /** The group's committed offsets of a topic, one per partition; the bus keeps them across restarts. */
  offsetsOf(groupId: string, topic: string): number[];
  committed(topic: string, partition: number): void;
  deadLetter(deadLetter: DeadLetter): void;
  /** The consumer stopped: the bus stops waking it. */
  left(consumer: InProcessConsumer): void;
}

/**
 * One running member of a consumer group on the in-process bus: for every partition of its topics a
 * worker that delivers the partition's messages one after the other, at most
 * `partitionsConsumedConcurrently` partitions at a time. A batch subscription (libs/messaging
 * `batchSubscription`) gets what its partition holds, up to its `maxBatchMessages`, in one call; if
 * that call fails (or a message of it is invalid), the same messages are delivered one by one. An
 * offset moves past a message only once its handler succeeded or it was dead-lettered, so delivery is
 * at least once.
 */
export class InProcessConsumer {
  private readonly subscriptions: ReadonlyMap<string, Subscription>;
  private readonly limit: ConcurrencyLimit;
  private readonly context: DeliveryContext;
  private readonly stopController = new AbortController();
  /** Partitions with a worker, updated synchronously so a wake-up never misses a finishing worker. */
  private readonly busyPartitions = new Set<string>();
  private readonly workers = new Set<Promise<void>>();

  constructor(
    private readonly host: ConsumerHost,
    readonly options: InProcessConsumerOptions,
  ) {
    this.subscriptions = new Map(
      options.subscriptions.map((subscription) => [subscription.topic, subscription]),
    );
    if (this.subscriptions.size !== options.subscriptions.length) {
      throw new Error(`consumer group ${options.groupId} has two handlers for one topic`);
    }
    this.limit = new ConcurrencyLimit(options.partitionsConsumedConcurrently ?? 4);
    this.context = {
      groupId: options.groupId,
      retryPolicy: { ...defaultRetryPolicy, ...options.retryPolicy },
      decoder: host.decoder,
      logger: host.logger,
      now: host.now,
      deadLetter: (deadLetter) => host.deadLetter(deadLetter),
      stopping: this.stopController.signal,
    };
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get topics(): readonly string[] {
    return [...this.subscriptions.keys()];
  }

  get isRunning(): boolean {
    return !this.stopController.signal.aborted;
  }

  /** Starts a worker for every partition with messages this group has not handled yet. */
  start(): void {
    for (const topic of this.subscriptions.keys()) {
      for (const log of this.host.partitionsOf(topic)) {
        this.wake(log);
      }
    }
  }

  /** Called when a message was appended to `log`: starts its worker unless one is already running. */
  wake(log: PartitionLog): void {
    const subscription = this.subscriptions.get(log.topic);
    const workerId = `${log.topic}#${log.partition}`;
    if (subscription === undefined || !this.isRunning || this.busyPartitions.has(workerId)) {
      return;
    }
    const offsets = this.host.offsetsOf(this.groupId, log.topic);
    if (log.at(offsets[log.partition] ?? log.endOffset) === undefined) {
      return;
    }
    this.busyPartitions.add(workerId);
    this.host.activity.begin();
    const worker = this.work(workerId, log, offsets, subscription).catch((error: unknown) =>
      this.host.logger.error(
        { groupId: this.groupId, topic: log.topic, partition: log.partition, error: String(error) },
        'partition worker failed; the partition resumes with the next message published to it',
      ),
    );
    this.workers.add(worker);
    void worker.then(() => this.workers.delete(worker));
  }

  /**
   * Lets every handler in progress finish, cuts retry waits short (that message is delivered again when
   * the group is subscribed again) and stops delivering. The group's offsets stay with the bus.
   */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.host.left(this);
    await Promise.all([...this.workers]);
  }

  private async work(
    workerId: string,
    log: PartitionLog,
    offsets: number[],
    subscription: Subscription,
  ): Promise<void> {
    try {
      for (;;) {
        const queued = log.from(offsets[log.partition] ?? log.endOffset, sliceSizeOf(subscription));
        // No await between this check and the `finally` below: a message appended later wakes a new worker.
        if (queued.length === 0 || !this.isRunning) {
          return;
        }
        if (queued.length > 1 && (await this.deliveredTogether(queued, subscription))) {
          this.commit(log, offsets, queued);
          continue;
        }
        for (const message of queued) {
          const outcome = await this.limit.run(() =>
            this.isRunning
              ? deliverMessage(message, subscription, this.context)
              : Promise.resolve('interrupted' as const),
          );
          if (outcome === 'interrupted') {
            return;
          }
          this.commit(log, offsets, [message]);
        }
      }
    } finally {
      this.busyPartitions.delete(workerId);
      this.host.activity.end();
    }
  }

  /** Hands the slice to the batch handler of a batch subscription in one call; false: one by one. */
  private deliveredTogether(slice: readonly LoggedMessage[], subscription: Subscription): Promise<boolean> {
    if (!isBatchSubscription(subscription)) return Promise.resolve(false);
    return this.limit.run(() =>
      this.isRunning ? deliverSlice(slice, subscription, this.context) : Promise.resolve(false),
    );
  }

  /** The group is past `handled` (the last of them ends it): the bus may drop what every group is past. */
  private commit(log: PartitionLog, offsets: number[], handled: readonly LoggedMessage[]): void {
    const last = handled.at(-1);
    if (last === undefined) return;
    offsets[log.partition] = last.offset + 1;
    this.host.committed(log.topic, log.partition);
  }
}

/** Messages a worker takes from its partition at once: a batch handler's slice, otherwise one. */
function sliceSizeOf(subscription: Subscription): number {
  return isBatchSubscription(subscription) ? subscription.maxBatchMessages : 1;
}
