import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { Subscription } from '../consumed-message';
import { KafkaConsumerRunner, withDeadLetterTopics, type ConsumerRunnerOptions } from '../consumer-runner';
import type { MessageClasses } from '../envelope-codec';
import type { KafkaClient } from '../kafka-client';
import { ensureTopics } from '../topics';
import { eventPatternSubscription } from './event-pattern-subscription';

export const kafkaConsumerRunnerTransport = Symbol('kafka-consumer-runner');

export interface KafkaTransportOptions extends Omit<ConsumerRunnerOptions, 'subscriptions'> {
  /** Message classes by topic, then by envelope type, for validation before the handler runs. */
  readonly messageClasses?: Readonly<Record<string, MessageClasses>>;
  /**
   * Topics consumed in a consumer group of their own (topic → group id) instead of `groupId`. One group
   * is one kafkajs consumer, which fetches all its topics together and fetches again only once every
   * partition batch of the last fetch is handled: a topic whose messages must not wait behind another
   * topic's backlog gets its own group.
   */
  readonly dedicatedGroups?: Readonly<Record<string, string>>;
  /**
   * Most messages handed to one call of a `{ batch: true }` handler (default
   * `DEFAULT_MAX_BATCH_MESSAGES`); a handler's own `{ batch: true, maxBatchMessages }` comes first. A
   * partition batch of a fetch is handed over in slices of this size, one after the other.
   */
  readonly maxBatchMessages?: number;
}

/**
 * A Nest microservice transport over `KafkaConsumerRunner`: every `@EventPattern('<topic>')` handler
 * consumes that topic with the runner's ordering, retry, dead-letter and commit rules. The handler gets
 * the envelope as `@Payload()` and a `KafkaMessageContext` as `@Ctx()`. Request-response
 * (`@MessagePattern`) is not offered: services talk through events.
 */
export class KafkaTransportStrategy extends Server implements CustomTransportStrategy {
  override readonly transportId = kafkaConsumerRunnerTransport;
  private runners: readonly KafkaConsumerRunner[] = [];
  private listening = false;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: KafkaTransportOptions,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.startRunner().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    const runners = this.runners;
    this.runners = [];
    this.listening = false;
    await Promise.all(runners.map((runner) => runner.stop()));
  }

  on(): never {
    throw new Error('KafkaTransportStrategy has no server events to listen to');
  }

  /** The consumer runners, one per consumer group that has handlers (none for a service without). */
  unwrap<T>(): T {
    if (!this.listening) {
      throw new Error('KafkaTransportStrategy is not listening');
    }
    return this.runners as T;
  }

  private async startRunner(): Promise<void> {
    const {
      dedicatedGroups = {},
      messageClasses: _classes,
      maxBatchMessages: _maxBatchMessages,
      topics,
      ...runnerOptions
    } = this.options;
    const subscriptionsByGroup = new Map<string, Subscription[]>();
    for (const [topic, handler] of this.getHandlers()) {
      const groupId = dedicatedGroups[topic] ?? this.options.groupId;
      subscriptionsByGroup.set(groupId, [
        ...(subscriptionsByGroup.get(groupId) ?? []),
        this.subscription(topic, handler),
      ]);
    }
    if (subscriptionsByGroup.size === 0) {
      // A service with no handler (scheduling: HTTP and a timer) joins no consumer group; it still
      // creates the topics it publishes to.
      if (topics !== undefined) await ensureTopics(this.client, withDeadLetterTopics(topics));
      this.listening = true;
      return;
    }
    const started: KafkaConsumerRunner[] = [];
    try {
      for (const [groupId, subscriptions] of subscriptionsByGroup) {
        const runner = new KafkaConsumerRunner(this.client, {
          ...runnerOptions,
          // Topics are ensured by the first runner; the others find them there.
          ...(topics === undefined || started.length > 0 ? {} : { topics }),
          groupId,
          subscriptions,
        });
        await runner.start();
        started.push(runner);
      }
    } catch (error: unknown) {
      await Promise.all(started.map((runner) => runner.stop()));
      throw error;
    }
    this.runners = started;
    this.listening = true;
  }

  private subscription(topic: string, handler: MessageHandler): Subscription {
    if (handler.isEventHandler !== true) {
      throw new Error(`@MessagePattern('${topic}') is not supported over Kafka here; use @EventPattern`);
    }
    const messageClasses = this.options.messageClasses?.[topic];
    return eventPatternSubscription(topic, handler, {
      ...(messageClasses === undefined ? {} : { messageClasses }),
      ...(this.options.maxBatchMessages === undefined
        ? {}
        : { maxBatchMessages: this.options.maxBatchMessages }),
    });
  }
}
