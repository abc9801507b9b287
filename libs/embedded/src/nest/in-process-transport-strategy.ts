import {
  eventPatternSubscription,
  type MessageClasses,
  type RetryPolicy,
  type Subscription,
  type TopicSpec,
} from '@invoice-engine/messaging';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { InProcessBus } from '../bus/in-process-bus';
import type { InProcessConsumer } from '../bus/in-process-consumer';

export const inProcessBusTransport = Symbol('in-process-bus');

/** The same options as `KafkaTransportOptions`, minus what only a broker needs. */
export interface InProcessTransportOptions {
  readonly groupId: string;
  /** Topics to declare on the bus before subscribing (existing ones are left as they are). */
  readonly topics?: readonly TopicSpec[];
  /** Message classes by topic, then by envelope type, for validation before the handler runs. */
  readonly messageClasses?: Readonly<Record<string, MessageClasses>>;
  readonly partitionsConsumedConcurrently?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /**
   * Most messages handed to one call of a `{ batch: true }` handler (default
   * `IN_PROCESS_MAX_BATCH_MESSAGES`); a handler's own `{ batch: true, maxBatchMessages }` comes first.
   */
  readonly maxBatchMessages?: number;
}

/** The default slice of a batch handler: the distributed mode's default `KAFKA_BATCH_SLICE` (50). */
export const IN_PROCESS_MAX_BATCH_MESSAGES = 50;

/**
 * A Nest microservice transport over the in-process bus, with the handler contract of
 * `KafkaTransportStrategy`: every `@EventPattern('<topic>')` handler consumes that topic in one consumer
 * group, gets the envelope as `@Payload()` and a `KafkaMessageContext` (topic, partition, offset, key,
 * headers) as `@Ctx()`, and its errors follow the same retry and dead-letter policy. A
 * `@EventPattern(topic, { batch: true })` handler gets an array of the envelopes its partition holds
 * (at most `maxBatchMessages`) and the context of the last, as on Kafka (libs/messaging
 * `eventPatternSubscription` builds the subscription for both transports). Service handlers
 * cannot tell which transport runs them. Register `KafkaErrorPassthroughFilter` as on Kafka, or Nest
 * hides `TransientError`/`PermanentError` behind a generic error.
 */
export class InProcessTransportStrategy extends Server implements CustomTransportStrategy {
  override readonly transportId = inProcessBusTransport;
  private consumer: InProcessConsumer | undefined;

  constructor(
    private readonly bus: InProcessBus,
    private readonly options: InProcessTransportOptions,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      this.bus.ensureTopics(this.options.topics ?? []);
      const subscriptions = [...this.getHandlers()].map(([topic, handler]) =>
        this.subscription(topic, handler),
      );
      this.consumer = this.bus.subscribe({
        groupId: this.options.groupId,
        subscriptions,
        ...(this.options.partitionsConsumedConcurrently === undefined
          ? {}
          : { partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently }),
        ...(this.options.retryPolicy === undefined ? {} : { retryPolicy: this.options.retryPolicy }),
      });
    } catch (error: unknown) {
      callback(error);
      return;
    }
    callback();
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  on(): never {
    throw new Error('InProcessTransportStrategy has no server events to listen to');
  }

  unwrap<T>(): T {
    if (this.consumer === undefined) {
      throw new Error('InProcessTransportStrategy is not listening');
    }
    return this.consumer as T;
  }

  private subscription(topic: string, handler: MessageHandler): Subscription {
    if (handler.isEventHandler !== true) {
      throw new Error(
        `@MessagePattern('${topic}') is not supported on the in-process bus; use @EventPattern`,
      );
    }
    const messageClasses = this.options.messageClasses?.[topic];
    return eventPatternSubscription(topic, handler, {
      ...(messageClasses === undefined ? {} : { messageClasses }),
      maxBatchMessages: this.options.maxBatchMessages ?? IN_PROCESS_MAX_BATCH_MESSAGES,
    });
  }
}
