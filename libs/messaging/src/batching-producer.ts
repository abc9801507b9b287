import type { EventEnvelope } from '@invoice-engine/kernel';
import { Partitioners, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { connectOrExplain } from './broker-unreachable';
import { encodeEnvelope } from './envelope-codec';
import type { KafkaClient } from './kafka-client';

/** One message to publish: the key decides the partition (and so the order), the envelope is the value. */
export interface OutgoingMessage {
  readonly key: string;
  readonly envelope: EventEnvelope;
}

export interface BatchingProducerOptions {
  /** Most messages in one produce request (default 1000). */
  readonly maxBatchMessages?: number;
  /**
   * Most bytes (keys, values and headers) in one produce request (default 512 KiB). The broker refuses
   * a partition's record batch over `message.max.bytes` (1 MiB by default), and a partition batch of
   * handled messages publishes its answers together, all to one partition when they share keys.
   */
  readonly maxRequestBytes?: number;
  /** How long the first waiting message waits for others to join its request (default 5 ms). */
  readonly lingerMs?: number;
}

interface PendingPublish {
  readonly topic: string;
  readonly messages: readonly Message[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Publishes envelopes in batches: concurrent `publish` calls made within `lingerMs` travel in one produce
 * request, and each call resolves once the brokers acknowledged its messages (acks from all in-sync
 * replicas). Requests go out one after the other, so messages with the same key keep the order in which
 * `publish` was called. A failed request rejects every call in it; callers retry, consumers dedupe.
 */
export class BatchingProducer {
  private pending: PendingPublish[] = [];
  private pendingMessageCount = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly producer: Producer,
    private readonly maxBatchMessages: number,
    private readonly lingerMs: number,
    private readonly maxRequestBytes: number,
  ) {}

  static async connect(
    client: KafkaClient,
    options: BatchingProducerOptions = {},
  ): Promise<BatchingProducer> {
    const producer = client.kafka.producer({
      // The Java client's murmur2 partitioner: a key lands on the same partition from any producer.
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    await connectOrExplain(producer, client.connection);
    return new BatchingProducer(
      producer,
      options.maxBatchMessages ?? 1000,
      options.lingerMs ?? 5,
      options.maxRequestBytes ?? 512 * 1024,
    );
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) {
      throw new Error(`BatchingProducer is disconnected; cannot publish to ${topic}`);
    }
    if (messages.length === 0) {
      return;
    }
    const encoded = messages.map((message) => encodeEnvelope(message.key, message.envelope));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ topic, messages: encoded, resolve, reject });
      this.pendingMessageCount += encoded.length;
      if (this.pendingMessageCount >= this.maxBatchMessages) {
        void this.flush();
      } else {
        this.lingerTimer ??= setTimeout(() => void this.flush(), this.lingerMs);
      }
    });
  }

  /** Sends everything waiting now; resolves when it and every earlier request are done. */
  flush(): Promise<void> {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingMessageCount = 0;
    this.sending = this.sending.then(() => this.send(batch));
    return this.sending;
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.producer.disconnect();
  }

  /** Never rejects: the outcome goes to each publish call, so one failed request does not poison the next. */
  private async send(batch: readonly PendingPublish[]): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    try {
      for (const request of requestsOf(batch, this.maxBatchMessages, this.maxRequestBytes)) {
        await this.producer.sendBatch({ acks: -1, topicMessages: request });
      }
      batch.forEach((entry) => entry.resolve());
    } catch (error: unknown) {
      batch.forEach((entry) => entry.reject(error));
    }
  }
}

/**
 * Splits what waits into produce requests of at most `maxMessages` messages and `maxBytes` bytes, in
 * call order (a call's messages may span requests; it resolves once all of them are sent). A single
 * message over `maxBytes` travels alone.
 */
export function* requestsOf(
  batch: readonly Pick<PendingPublish, 'topic' | 'messages'>[],
  maxMessages: number,
  maxBytes: number,
): Generator<TopicMessages[]> {
  let request: { readonly topic: string; readonly message: Message }[] = [];
  let bytes = 0;
  for (const entry of batch) {
    for (const message of entry.messages) {
      const size = sizeOf(message);
      if (request.length > 0 && (request.length >= maxMessages || bytes + size > maxBytes)) {
        yield byTopic(request);
        request = [];
        bytes = 0;
      }
      request.push({ topic: entry.topic, message });
      bytes += size;
    }
  }
  if (request.length > 0) {
    yield byTopic(request);
  }
}

function sizeOf(message: Message): number {
  const headerBytes = Object.entries(message.headers ?? {}).reduce(
    (sum, [name, value]) =>
      sum +
      Buffer.byteLength(name) +
      (Array.isArray(value) ? value : [value]).reduce((part, one) => part + bytesOf(one), 0),
    0,
  );
  return bytesOf(message.key) + bytesOf(message.value) + headerBytes;
}

function bytesOf(part: Buffer | string | null | undefined): number {
  if (part === null || part === undefined) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part) : part.length;
}

/** Groups messages by topic, keeping their order within each topic. */
function byTopic(
  messages: readonly { readonly topic: string; readonly message: Message }[],
): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const { topic, message } of messages) {
    const onTopic = topics.get(topic) ?? [];
    onTopic.push(message);
    topics.set(topic, onTopic);
  }
  return [...topics].map(([topic, onTopic]) => ({ topic, messages: onTopic }));
}
