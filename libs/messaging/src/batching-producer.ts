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
    return new BatchingProducer(producer, options.maxBatchMessages ?? 1000, options.lingerMs ?? 5);
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
      for (const chunk of chunksOf(batch, this.maxBatchMessages)) {
        await this.producer.sendBatch({ acks: -1, topicMessages: byTopic(chunk) });
      }
      batch.forEach((entry) => entry.resolve());
    } catch (error: unknown) {
      batch.forEach((entry) => entry.reject(error));
    }
  }
}

function* chunksOf(batch: readonly PendingPublish[], maxMessages: number): Generator<PendingPublish[]> {
  let chunk: PendingPublish[] = [];
  let count = 0;
  for (const entry of batch) {
    if (count > 0 && count + entry.messages.length > maxMessages) {
      yield chunk;
      chunk = [];
      count = 0;
    }
    chunk.push(entry);
    count += entry.messages.length;
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}

/** Groups messages by topic, keeping the order of the publish calls within each topic. */
function byTopic(entries: readonly PendingPublish[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const entry of entries) {
    const messages = topics.get(entry.topic) ?? [];
    messages.push(...entry.messages);
    topics.set(entry.topic, messages);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
