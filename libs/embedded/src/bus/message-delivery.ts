import {
  decideOnFailure,
  type ConsumedMessage,
  type MessagingLogger,
  type RetryPolicy,
  type Subscription,
} from '@invoice-engine/messaging';
import type { DeadLetter, DeadLetterCause } from './dead-letters';
import { deadLetterOf } from './dead-letters';
import type { EnvelopeDecoder } from './envelope-decoding';
import type { LoggedMessage } from './partition-log';

/** What delivering one message needs from its consumer group. */
export interface DeliveryContext {
  readonly groupId: string;
  readonly retryPolicy: RetryPolicy;
  readonly decoder: EnvelopeDecoder;
  readonly logger: MessagingLogger;
  readonly now: () => Date;
  readonly deadLetter: (deadLetter: DeadLetter) => void;
  /** Aborted when the consumer stops: a retry wait ends at once and the message stays unhandled. */
  readonly stopping: AbortSignal;
}

/** `handled`: the offset may move on (handler succeeded, or the message was dead-lettered). */
export type DeliveryOutcome = 'handled' | 'interrupted';

/**
 * Delivers one message the way the Kafka consumer runner does (libs/messaging `partition-batch.ts`):
 * decode and validate first (an invalid message is dead-lettered without calling the handler), then call
 * the handler until it succeeds, retrying transient failures with backoff while the message stays at
 * the head of its partition, and dead-lettering what the failure policy says will never succeed.
 */
export async function deliverMessage(
  message: LoggedMessage,
  subscription: Subscription,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  let consumed: ConsumedMessage;
  try {
    consumed = consumedMessageOf(message, subscription, context.decoder);
  } catch (error: unknown) {
    const decision = decideOnFailure(error, 1, context.retryPolicy);
    const failure: Failure =
      decision.action === 'dead-letter' ? decision : { kind: 'invalid-message', reason: String(error) };
    return deadLetterAfter(failure, 1, message, context);
  }
  for (let attempt = 1; ; attempt += 1) {
    if (context.stopping.aborted) {
      return 'interrupted';
    }
    try {
      await subscription.handler(consumed);
      return 'handled';
    } catch (error: unknown) {
      const decision = decideOnFailure(error, attempt, context.retryPolicy);
      if (decision.action === 'dead-letter') {
        return deadLetterAfter(decision, attempt, message, context);
      }
      context.logger.warn(
        {
          ...logFields(consumed, context.groupId),
          attempt,
          retryInMs: decision.delayMs,
          error: String(error),
        },
        'message handler failed; retrying, the partition waits',
      );
      await pause(decision.delayMs, context.stopping);
    }
  }
}

/** The message as its handler gets it; throws `InvalidMessageError` when it does not decode or validate. */
export function consumedMessageOf(
  message: LoggedMessage,
  subscription: Subscription,
  decoder: EnvelopeDecoder,
): ConsumedMessage {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: String(message.offset),
    key: message.key,
    headers: message.headers,
    envelope: decoder.decode(message.topic, message.value, subscription.messageClasses),
  };
}

type Failure = Pick<DeadLetterCause, 'kind' | 'reason'>;

function deadLetterAfter(
  failure: Failure,
  attempts: number,
  message: LoggedMessage,
  context: DeliveryContext,
): DeliveryOutcome {
  const cause: DeadLetterCause = {
    kind: failure.kind,
    reason: failure.reason,
    consumerGroup: context.groupId,
    attempts,
    failedAt: context.now(),
  };
  context.deadLetter(deadLetterOf(message, cause));
  context.logger.error(
    {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      groupId: context.groupId,
      kind: cause.kind,
      reason: cause.reason,
    },
    'message dead-lettered',
  );
  return 'handled';
}

function pause(delayMs: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, delayMs);
    stopping.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    }
  });
}

function logFields(message: ConsumedMessage, groupId: string): Record<string, unknown> {
  return {
    groupId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    messageId: message.envelope.messageId,
    type: message.envelope.type,
    correlationId: message.envelope.metadata.correlationId,
    runId: message.envelope.metadata.runId,
  };
}
