import {
  deadLetterTopicOf,
  encodeEnvelope,
  headersAsStrings,
  silentMessagingLogger,
  type MessagingLogger,
  type TopicSpec,
} from '@invoice-engine/messaging';
import type { MessagePublisher, MessageToPublish } from '@invoice-engine/runtime';
import { BusActivity } from './bus-activity';
import type { DeadLetter } from './dead-letters';
import { EnvelopeDecoder } from './envelope-decoding';
import { InProcessConsumer, type ConsumerHost, type InProcessConsumerOptions } from './in-process-consumer';
import { KeyPartitioner } from './key-partitioner';
import { PartitionLog, type MessageToAppend } from './partition-log';

export interface InProcessBusOptions {
  /** The topics and their partition counts; publishing to or consuming a topic not declared fails. */
  readonly topics: readonly TopicSpec[];
  readonly logger?: MessagingLogger;
  /** The clock for message timestamps and `dlq-failed-at` (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * The message bus of embedded mode, inside one process. Keeps Kafka's semantics that the services rely
 * on: topics of N partitions, a message's partition chosen from its key by Kafka's own partitioner,
 * per-partition order, partitions handled in parallel (bounded), at-least-once delivery with retries
 * and dead letters, and consumer groups that each get every message. Messages travel as JSON, so
 * embedded mode exercises the same encoding as Kafka. Nothing is durable: a crash loses the messages
 * in flight (the event store still holds the truth).
 */
export class InProcessBus implements MessagePublisher {
  private readonly topics = new Map<string, readonly PartitionLog[]>();
  private readonly partitioner = new KeyPartitioner();
  private readonly activity = new BusActivity();
  private readonly consumers = new Set<InProcessConsumer>();
  /** Committed offsets: group → topic → offset per partition. Kept when a consumer stops. */
  private readonly offsets = new Map<string, Map<string, number[]>>();
  /** Dead letters by dead-letter topic (`<topic>.dlq`). */
  private readonly deadLetterTopics = new Map<string, DeadLetter[]>();
  private readonly host: ConsumerHost;
  private readonly now: () => Date;
  private closed = false;

  constructor(options: InProcessBusOptions) {
    this.now = options.now ?? (() => new Date());
    this.ensureTopics(options.topics);
    this.host = {
      activity: this.activity,
      decoder: new EnvelopeDecoder(),
      logger: options.logger ?? silentMessagingLogger,
      now: this.now,
      partitionsOf: (topic) => this.partitionsOf(topic),
      offsetsOf: (groupId, topic) => this.offsetsOf(groupId, topic),
      committed: (topic, partition) => this.dropHandledMessages(topic, partition),
      deadLetter: (deadLetter) => this.recordDeadLetter(deadLetter),
      left: (consumer) => this.consumers.delete(consumer),
    };
  }

  /** Declares topics that do not exist yet; an existing topic keeps its partitions (they decide key order). */
  ensureTopics(specs: readonly TopicSpec[]): void {
    for (const spec of specs) {
      if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
        throw new RangeError(`topic ${spec.topic} needs at least one partition, got ${spec.partitions}`);
      }
      if (!this.topics.has(spec.topic)) {
        this.topics.set(
          spec.topic,
          Array.from(
            { length: spec.partitions },
            (_unused, partition) => new PartitionLog(spec.topic, partition),
          ),
        );
      }
    }
  }

  /**
   * Encodes every message (a value JSON cannot carry, like a bigint, rejects the whole call and enqueues
   * nothing), then appends them to their partitions in order. Resolves once they are enqueued; the
   * enqueueing itself happens during the call, so even an unawaited publish is seen by `idle()`.
   */
  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void> {
    try {
      const partitions = this.partitionsOf(topic);
      if (this.closed) {
        throw new Error(`the in-process bus is closed; cannot publish to ${topic}`);
      }
      const timestamp = String(this.now().getTime());
      const encoded = messages.map((message) => encodedMessage(message, timestamp));
      for (const message of encoded) {
        const log = partitions[this.partitionOf(topic, message.key)];
        if (log === undefined) {
          throw new Error(`no partition ${this.partitionOf(topic, message.key)} on ${topic}`);
        }
        log.append(message);
        this.consumers.forEach((consumer) => consumer.wake(log));
      }
      return Promise.resolve();
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The partition a key goes to on `topic` (the same number Kafka's default partitioner gives). */
  partitionOf(topic: string, key: string): number {
    return this.partitioner.partitionOf(topic, key, this.partitionsOf(topic).length);
  }

  /**
   * Starts a consumer group member and returns it (`stop()` it to leave). A group seen for the first time
   * starts at the oldest message still held for some group, or everything published so far when the
   * topic had no group yet (Kafka's `fromBeginning`); a group seen before resumes after its last handled
   * message. One running member per group.
   */
  subscribe(options: InProcessConsumerOptions): InProcessConsumer {
    if (this.closed) {
      throw new Error(`the in-process bus is closed; group ${options.groupId} cannot subscribe`);
    }
    const running = [...this.consumers].find((consumer) => consumer.groupId === options.groupId);
    if (running !== undefined) {
      throw new Error(`consumer group ${options.groupId} already has a running member on the in-process bus`);
    }
    options.subscriptions.forEach((subscription) => this.offsetsOf(options.groupId, subscription.topic));
    const consumer = new InProcessConsumer(this.host, options);
    this.consumers.add(consumer);
    consumer.start();
    return consumer;
  }

  /**
   * Resolves when the bus has settled: no partition holds a message that a running consumer has not
   * handled, and no handler runs. A message retried forever keeps it from settling (as it should).
   */
  idle(): Promise<void> {
    return this.activity.idle();
  }

  get isIdle(): boolean {
    return this.activity.isIdle;
  }

  /** The dead letters of `<topic>.dlq` (pass the original topic), oldest first; all of them without a topic. */
  deadLetters(topic?: string): readonly DeadLetter[] {
    if (topic === undefined) {
      return [...this.deadLetterTopics.values()].flat();
    }
    return [...(this.deadLetterTopics.get(deadLetterTopicOf(topic)) ?? [])];
  }

  /** Messages published to `topic` that `groupId` has not handled yet. */
  lagOf(groupId: string, topic: string): number {
    const offsets = this.offsets.get(groupId)?.get(topic);
    return this.partitionsOf(topic).reduce(
      (lag, log) => lag + log.endOffset - (offsets?.[log.partition] ?? log.startOffset),
      0,
    );
  }

  /** Stops every consumer (handlers in progress finish) and refuses further publishing. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  private partitionsOf(topic: string): readonly PartitionLog[] {
    const partitions = this.topics.get(topic);
    if (partitions === undefined) {
      const known = [...this.topics.keys()].join(', ');
      throw new Error(`topic ${topic} is not declared on the in-process bus (declared: ${known})`);
    }
    return partitions;
  }

  private offsetsOf(groupId: string, topic: string): number[] {
    const partitions = this.partitionsOf(topic);
    let byTopic = this.offsets.get(groupId);
    if (byTopic === undefined) {
      byTopic = new Map();
      this.offsets.set(groupId, byTopic);
    }
    let offsets = byTopic.get(topic);
    if (offsets === undefined) {
      offsets = partitions.map((log) => log.startOffset);
      byTopic.set(topic, offsets);
    }
    return offsets;
  }

  /** Messages every group reading the topic has handled are not needed any more. */
  private dropHandledMessages(topic: string, partition: number): void {
    let oldestNeeded = Number.POSITIVE_INFINITY;
    for (const byTopic of this.offsets.values()) {
      const offset = byTopic.get(topic)?.[partition];
      if (offset !== undefined) {
        oldestNeeded = Math.min(oldestNeeded, offset);
      }
    }
    this.partitionsOf(topic)[partition]?.dropBefore(oldestNeeded);
  }

  private recordDeadLetter(deadLetter: DeadLetter): void {
    const letters = this.deadLetterTopics.get(deadLetter.topic) ?? [];
    letters.push(deadLetter);
    this.deadLetterTopics.set(deadLetter.topic, letters);
  }
}

function encodedMessage(message: MessageToPublish, timestamp: string): MessageToAppend {
  const record = encodeEnvelope(message.key, message.envelope);
  return {
    key: message.key,
    value: String(record.value),
    headers: headersAsStrings(record.headers),
    timestamp,
  };
}
