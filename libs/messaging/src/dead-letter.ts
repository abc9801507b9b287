import type { IHeaders, Message } from 'kafkajs';
import type { DeadLetterKind } from './failure-policy';

/** Every topic `t` has its dead-letter topic `t.dlq`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** The consumed record as it came off the wire; it goes to the dead-letter topic byte for byte. */
export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

export interface DeadLetterCircumstances {
  readonly kind: DeadLetterKind;
  readonly reason: string;
  readonly consumerGroup: string;
  readonly attempts: number;
  /** ISO-8601 UTC instant. */
  readonly failedAt: string;
}

export const deadLetterHeader = {
  reason: 'dlq-reason',
  kind: 'dlq-kind',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalKey: 'dlq-original-key',
  originalTimestamp: 'dlq-original-timestamp',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

/** Long stack-like reasons would bloat every header fetch; the first part says what went wrong. */
const maxReasonLength = 2000;

/**
 * The dead-letter record for a message that failed: same key (so it lands beside its siblings), same
 * value and headers, plus `dlq-*` headers saying why and where it came from, so it can be inspected
 * and replayed to its original topic.
 */
export function buildDeadLetterMessage(
  source: DeadLetterSource,
  circumstances: DeadLetterCircumstances,
): { readonly topic: string; readonly message: Message } {
  const reason =
    circumstances.reason.length > maxReasonLength
      ? `${circumstances.reason.slice(0, maxReasonLength)}…`
      : circumstances.reason;
  const headers: IHeaders = {
    ...withoutDeadLetterHeaders(source.headers),
    [deadLetterHeader.reason]: reason,
    [deadLetterHeader.kind]: circumstances.kind,
    [deadLetterHeader.originalTopic]: source.topic,
    [deadLetterHeader.originalPartition]: String(source.partition),
    [deadLetterHeader.originalOffset]: source.offset,
    [deadLetterHeader.originalTimestamp]: source.timestamp,
    [deadLetterHeader.consumerGroup]: circumstances.consumerGroup,
    [deadLetterHeader.attempts]: String(circumstances.attempts),
    [deadLetterHeader.failedAt]: circumstances.failedAt,
  };
  if (source.key !== null) {
    headers[deadLetterHeader.originalKey] = source.key;
  }
  return {
    topic: deadLetterTopicOf(source.topic),
    message: { key: source.key, value: source.value, headers },
  };
}

/** A replayed dead letter that fails again gets fresh `dlq-*` headers, not two sets. */
function withoutDeadLetterHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('dlq-')));
}
