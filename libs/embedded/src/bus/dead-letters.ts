import {
  buildDeadLetterMessage,
  deadLetterTopicOf,
  headersAsStrings,
  type DeadLetterKind,
} from '@invoice-engine/messaging';
import type { LoggedMessage } from './partition-log';

/**
 * A message that went to `<topic>.dlq`: the original key, value and headers, plus the `dlq-*` headers
 * libs/messaging writes on Kafka (`deadLetterHeader`), so both modes describe a failure the same way.
 */
export interface DeadLetter {
  /** `<original topic>.dlq`. */
  readonly topic: string;
  readonly key: string;
  /** The original value (the envelope's JSON), byte for byte as published. */
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly kind: DeadLetterKind;
  readonly reason: string;
}

export interface DeadLetterCause {
  readonly kind: DeadLetterKind;
  readonly reason: string;
  readonly consumerGroup: string;
  readonly attempts: number;
  readonly failedAt: Date;
}

export function deadLetterOf(message: LoggedMessage, cause: DeadLetterCause): DeadLetter {
  const record = buildDeadLetterMessage(
    {
      topic: message.topic,
      partition: message.partition,
      offset: String(message.offset),
      timestamp: message.timestamp,
      key: Buffer.from(message.key, 'utf8'),
      value: Buffer.from(message.value, 'utf8'),
      headers: message.headers,
    },
    {
      kind: cause.kind,
      reason: cause.reason,
      consumerGroup: cause.consumerGroup,
      attempts: cause.attempts,
      failedAt: cause.failedAt.toISOString(),
    },
  );
  return {
    topic: deadLetterTopicOf(message.topic),
    key: message.key,
    value: message.value,
    headers: headersAsStrings(record.message.headers),
    kind: cause.kind,
    reason: cause.reason,
  };
}
