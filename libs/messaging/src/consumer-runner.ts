import { Partitioners, type Consumer, type Producer } from 'kafkajs';
import { connectOrExplain } from './broker-unreachable';
import type { Subscription } from './consumed-message';
import { deadLetterTopicOf } from './dead-letter';
import { defaultRetryPolicy, describeError, type RetryPolicy } from './failure-policy';
import type { KafkaClient } from './kafka-client';
import type { MessagingLogger } from './messaging-logger';
import { PendingOffsetCommits, type PartitionOffset } from './offset-commits';
import { processPartition } from './batch-subscription';
import { ensureTopics, type TopicSpec } from './topics';

export interface ConsumerRunnerOptions {
  readonly groupId: string;
  readonly subscriptions: readonly Subscription[];
  /** Partitions handled at the same time by this process (default 4); order holds within each one. */
  readonly partitionsConsumedConcurrently?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** A new group starts at the oldest message (default), so nothing published before its first start is lost. */
  readonly fromBeginning?: boolean;
  /** Topics to create (with their dead-letter topics) before subscribing; omit when an operator creates them. */
  readonly topics?: readonly TopicSpec[];
  /** Handled offsets are committed, in one request for all partitions, once this many are pending (default 100)… */
  readonly commitEveryMessages?: number;
  /** …or once this long has passed since the last commit (default 500 ms), and when the consumer stops. */
  readonly commitIntervalMs?: number;
  /** Longest wait of one fetch for new messages (default 1000 ms); also bounds how long `stop` waits. */
  readonly maxWaitTimeMs?: number;
  /** The clock for the `dlq-failed-at` header. */
  readonly now?: () => Date;
}

/**
 * Runs message handlers over a Kafka consumer group: per-partition order, partitions in parallel,
 * transient failures retried without committing, permanent failures and invalid messages dead-lettered,
 * offsets committed only after the handler succeeded, graceful stop.
 */
export class KafkaConsumerRunner {
  private consumer: Consumer | undefined;
  private deadLetterProducer: Producer | undefined;
  private commits: PendingOffsetCommits | undefined;
  private commitTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: ConsumerRunnerOptions,
  ) {
    const topics = options.subscriptions.map((subscription) => subscription.topic);
    if (new Set(topics).size !== topics.length) {
      throw new Error(`each topic may have one handler per consumer group; got ${topics.join(', ')}`);
    }
  }

  /** Connects, joins the group and starts consuming; resolves once consumption has started. */
  async start(): Promise<void> {
    if (this.consumer !== undefined) {
      throw new Error(`consumer group ${this.options.groupId} is already running`);
    }
    const { kafka, connection, logger } = this.client;
    if (this.options.topics !== undefined) {
      await ensureTopics(this.client, withDeadLetterTopics(this.options.topics));
    }
    const deadLetterProducer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await connectOrExplain(deadLetterProducer, connection);
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1000,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    try {
      await connectOrExplain(consumer, connection);
    } catch (error: unknown) {
      await deadLetterProducer.disconnect();
      throw error;
    }
    this.consumer = consumer;
    this.deadLetterProducer = deadLetterProducer;
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      logger.error(
        { groupId: this.options.groupId, error: payload.error.message, restart: payload.restart },
        'Kafka consumer crashed',
      ),
    );
    await consumer.subscribe({
      topics: this.options.subscriptions.map((subscription) => subscription.topic),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    const commitIntervalMs = this.options.commitIntervalMs ?? 500;
    const commits = new PendingOffsetCommits({
      everyMessages: this.options.commitEveryMessages ?? 100,
      intervalMs: commitIntervalMs,
    });
    this.commits = commits;
    // After a rebalance, offsets of partitions that went to another member are theirs to commit.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      commits.keepOnly((topic, partition) => payload.memberAssignment[topic]?.includes(partition) ?? false),
    );
    const processing = {
      groupId: this.options.groupId,
      commits,
      subscriptions: new Map(
        this.options.subscriptions.map((subscription) => [subscription.topic, subscription]),
      ),
      retryPolicy: { ...defaultRetryPolicy, ...this.options.retryPolicy },
      deadLetterProducer,
      logger,
      now: this.options.now ?? (() => new Date()),
    };
    // kafkajs' auto-commit sends one request after every partition batch (a message, when they trickle
    // in); `commits` batches them instead: see partition-batch.ts and the timer below.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: (payload) => processPartition(payload, processing),
    });
    // Partitions that went quiet still get their last handled offsets committed.
    this.commitTimer = setInterval(
      () => {
        if (commits.isDue()) void commitThroughConsumer(consumer, commits, logger, this.options.groupId);
      },
      Math.max(10, Math.floor(commitIntervalMs / 2)),
    );
    this.commitTimer.unref();
    logger.info({ groupId: this.options.groupId, topics: [...processing.subscriptions.keys()] }, 'consuming');
  }

  /**
   * Lets the message in progress in each partition finish (retry waits are cut short), commits what was
   * handled, leaves the group and disconnects. Unhandled messages are delivered again later.
   */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    const deadLetterProducer = this.deadLetterProducer;
    const commits = this.commits;
    this.consumer = undefined;
    this.deadLetterProducer = undefined;
    this.commits = undefined;
    clearInterval(this.commitTimer);
    if (consumer !== undefined && commits !== undefined) {
      // What was handled so far; a batch still in flight commits its own progress when it ends.
      await commitThroughConsumer(consumer, commits, this.client.logger, this.options.groupId);
    }
    await consumer?.disconnect();
    await deadLetterProducer?.disconnect();
  }
}

/** Commits the waiting offsets with the consumer's own request (outside a batch); a failure is logged. */
async function commitThroughConsumer(
  consumer: Consumer,
  commits: PendingOffsetCommits,
  logger: MessagingLogger,
  groupId: string,
): Promise<void> {
  try {
    await commits.commit((offsets: readonly PartitionOffset[]) => consumer.commitOffsets([...offsets]));
  } catch (error: unknown) {
    logger.warn(
      { groupId, error: describeError(error) },
      'could not commit handled offsets; they stay pending for the next commit',
    );
  }
}

/** The topics and, for each, its `<topic>.dlq` (same partitions), as consumers create them. */
export function withDeadLetterTopics(topics: readonly TopicSpec[]): TopicSpec[] {
  return topics.flatMap((spec) => [spec, { ...spec, topic: deadLetterTopicOf(spec.topic) }]);
}
