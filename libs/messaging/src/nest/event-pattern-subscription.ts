import type { MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { batchSubscription } from '../batch-subscription';
import type { ConsumedMessage, Subscription } from '../consumed-message';
import type { MessageClasses } from '../envelope-codec';
import { KafkaMessageContext } from './kafka-message-context';

export interface EventPatternSubscriptionOptions {
  /** Message classes of the topic, by envelope type, for validation before the handler runs. */
  readonly messageClasses?: MessageClasses;
  /** Most messages handed to one call of a `{ batch: true }` handler that does not say its own. */
  readonly maxBatchMessages?: number;
}

/**
 * The subscription of one Nest `@EventPattern(topic)` handler, the same for every transport: the
 * handler gets the envelope as `@Payload()` and a `KafkaMessageContext` as `@Ctx()`; with
 * `{ batch: true }` it gets an array of envelopes and the context of the last, at most its own
 * `maxBatchMessages` or else `options.maxBatchMessages`. Errors of the handler (Nest turns them into an
 * erroring observable) are rethrown, so that the transport's retry and dead-letter policy sees them.
 */
export function eventPatternSubscription(
  topic: string,
  handler: MessageHandler,
  options: EventPatternSubscriptionOptions = {},
): Subscription {
  const { messageClasses } = options;
  if (handler.extras?.['batch'] === true) {
    const maxBatchMessages =
      maxBatchMessagesOf(handler.extras?.['maxBatchMessages'], topic) ?? options.maxBatchMessages;
    return batchSubscription(
      topic,
      async (messages) => {
        const last = messages.at(-1);
        if (last === undefined) return;
        const envelopes = messages.map((message) => message.envelope);
        await settled(await handler(envelopes, new KafkaMessageContext(last)));
      },
      {
        ...(messageClasses === undefined ? {} : { messageClasses }),
        ...(maxBatchMessages === undefined ? {} : { maxBatchMessages }),
      },
    );
  }
  return {
    topic,
    ...(messageClasses === undefined ? {} : { messageClasses }),
    handler: async (message: ConsumedMessage) => {
      await settled(await handler(message.envelope, new KafkaMessageContext(message)));
    },
  };
}

/** Nest turns handler errors into an erroring observable; awaiting it rethrows them. */
async function settled(result: unknown): Promise<void> {
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}

/** A handler's own `maxBatchMessages` (`@EventPattern(topic, { batch: true, maxBatchMessages })`), if any. */
function maxBatchMessagesOf(value: unknown, topic: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') {
    throw new Error(`maxBatchMessages of @EventPattern('${topic}') must be a number, not ${typeof value}`);
  }
  return value;
}
