import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ConsumedMessage, Subscription } from '../consumed-message';
import { KafkaConsumerRunner, type ConsumerRunnerOptions } from '../consumer-runner';
import type { MessageClasses } from '../envelope-codec';
import type { KafkaClient } from '../kafka-client';
import { KafkaMessageContext } from './kafka-message-context';

export const kafkaConsumerRunnerTransport = Symbol('kafka-consumer-runner');

export interface KafkaTransportOptions extends Omit<ConsumerRunnerOptions, 'subscriptions'> {
  /** Message classes by topic, then by envelope type, for validation before the handler runs. */
  readonly messageClasses?: Readonly<Record<string, MessageClasses>>;
}

/**
 * A Nest microservice transport over `KafkaConsumerRunner`: every `@EventPattern('<topic>')` handler
 * consumes that topic with the runner's ordering, retry, dead-letter and commit rules. The handler gets
 * the envelope as `@Payload()` and a `KafkaMessageContext` as `@Ctx()`. Request-response
 * (`@MessagePattern`) is not offered: services talk through events.
 */
export class KafkaTransportStrategy extends Server implements CustomTransportStrategy {
  override readonly transportId = kafkaConsumerRunnerTransport;
  private runner: KafkaConsumerRunner | undefined;

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
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
  }

  on(): never {
    throw new Error('KafkaTransportStrategy has no server events to listen to');
  }

  unwrap<T>(): T {
    if (this.runner === undefined) {
      throw new Error('KafkaTransportStrategy is not listening');
    }
    return this.runner as T;
  }

  private async startRunner(): Promise<void> {
    const subscriptions = [...this.getHandlers()].map(([topic, handler]) =>
      this.subscription(topic, handler),
    );
    const runner = new KafkaConsumerRunner(this.client, { ...this.options, subscriptions });
    await runner.start();
    this.runner = runner;
  }

  private subscription(topic: string, handler: MessageHandler): Subscription {
    if (handler.isEventHandler !== true) {
      throw new Error(`@MessagePattern('${topic}') is not supported over Kafka here; use @EventPattern`);
    }
    const messageClasses = this.options.messageClasses?.[topic];
    return {
      topic,
      ...(messageClasses === undefined ? {} : { messageClasses }),
      handler: async (message: ConsumedMessage) => {
        const result: unknown = await handler(message.envelope, new KafkaMessageContext(message));
        if (isObservable(result)) {
          // Nest turns handler errors into an erroring observable; awaiting it rethrows them here.
          await lastValueFrom(result, { defaultValue: undefined });
        }
      },
    };
  }
}
