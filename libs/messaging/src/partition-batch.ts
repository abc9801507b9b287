import type { EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { ConsumedMessage, Subscription } from './consumed-message';
import { buildDeadLetterMessage, type DeadLetterSource } from './dead-letter';
import { decodeEnvelope, headersAsStrings } from './envelope-codec';
import {
  backoffMs,
  decideOnFailure,
  describeError,
  type DeadLetterKind,
  type RetryPolicy,
} from './failure-policy';
import type { MessagingLogger } from './messaging-logger';
import type { PartitionOffset, PendingOffsetCommits } from './offset-commits';

/** What processing one batch needs from the runner. */
export interface BatchProcessing {
  readonly groupId: string;
  readonly subscriptions: ReadonlyMap<string, Subscription>;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetterProducer: Producer;
  readonly logger: MessagingLogger;
  readonly now: () => Date;
  /** Handled offsets waiting for a commit, shared by every partition of the consumer. */
  readonly commits: PendingOffsetCommits;
}

type Outcome = 'done' | 'interrupted';

/**
 * Processes the messages of one partition strictly in order. Each message's offset is resolved (and
 * waits for the next batched commit) only after its handler succeeded or it was dead-lettered; a
 * message that keeps failing transiently holds its partition (later messages wait, other partitions go
 * on), and a stop or rebalance interrupts the retries without resolving, so the message is delivered
 * again. When the consumer is stopping, the batch commits what was handled before it returns.
 *
 * `handledTogether`: a batch handler already handled every message of the batch (see
 * batch-subscription.ts), so each is only acknowledged, with the same offset, commit and stop rules,
 * without being decoded and validated a second time.
 */
export async function processPartitionBatch(
  payload: EachBatchPayload,
  processing: BatchProcessing,
  handledTogether = false,
): Promise<void> {
  const { batch } = payload;
  const subscription = processing.subscriptions.get(batch.topic);
  if (subscription === undefined) {
    throw new Error(`no subscription for topic ${batch.topic}`);
  }
  try {
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) {
        return;
      }
      if (!handledTogether) {
        const source = deadLetterSource(batch.topic, batch.partition, message);
        const outcome = await processMessage(source, subscription, payload, processing);
        if (outcome === 'interrupted') {
          return;
        }
      }
      payload.resolveOffset(message.offset);
      processing.commits.handled(batch.topic, batch.partition, message.offset);
      if (processing.commits.isDue()) await commitWithinBatch(payload, processing);
      await payload.heartbeat();
    }
  } finally {
    // Stopping: the consumer no longer commits on its own, but a batch may still (before it leaves the group).
    if (!payload.isRunning() && !payload.isStale()) await commitWithinBatch(payload, processing);
  }
}

/** Commits every waiting offset of the consumer through this batch's group session; a failure is logged. */
async function commitWithinBatch(payload: EachBatchPayload, processing: BatchProcessing): Promise<void> {
  try {
    await processing.commits.commit((offsets) => payload.commitOffsetsIfNecessary(byTopic(offsets)));
  } catch (error: unknown) {
    processing.logger.warn(
      { groupId: processing.groupId, error: describeError(error) },
      'could not commit handled offsets; they stay pending for the next commit',
    );
  }
}

function byTopic(offsets: readonly PartitionOffset[]): {
  topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
} {
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) {
    topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset }]);
  }
  return { topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) };
}

async function processMessage(
  source: DeadLetterSource,
  subscription: Subscription,
  payload: EachBatchPayload,
  processing: BatchProcessing,
): Promise<Outcome> {
  let consumed: ConsumedMessage;
  try {
    consumed = {
      topic: source.topic,
      partition: source.partition,
      offset: source.offset,
      key: source.key === null ? null : source.key.toString('utf8'),
      headers: headersAsStrings(source.headers),
      envelope: decodeEnvelope(source.value, subscription.messageClasses),
    };
  } catch (error: unknown) {
    return deadLetter(source, 'invalid-message', describeError(error), 1, payload, processing);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      await subscription.handler(consumed);
      return 'done';
    } catch (error: unknown) {
      const decision = decideOnFailure(error, attempt, processing.retryPolicy);
      if (decision.action === 'dead-letter') {
        return deadLetter(source, decision.kind, decision.reason, attempt, payload, processing);
      }
      processing.logger.warn(
        { ...logFields(consumed), attempt, retryInMs: decision.delayMs, error: describeError(error) },
        'message handler failed; retrying without committing',
      );
      if ((await pause(decision.delayMs, payload)) === 'interrupted') {
        return 'interrupted';
      }
    }
  }
}

/** Sends the original record to `<topic>.dlq`; if that fails too, it retries (the offset waits). */
async function deadLetter(
  source: DeadLetterSource,
  kind: DeadLetterKind,
  reason: string,
  attempts: number,
  payload: EachBatchPayload,
  processing: BatchProcessing,
): Promise<Outcome> {
  const { topic, message } = buildDeadLetterMessage(source, {
    kind,
    reason,
    attempts,
    consumerGroup: processing.groupId,
    failedAt: processing.now().toISOString(),
  });
  for (let sendAttempt = 1; ; sendAttempt += 1) {
    try {
      await processing.deadLetterProducer.send({ topic, acks: -1, messages: [message] });
      processing.logger.error(
        {
          topic: source.topic,
          partition: source.partition,
          offset: source.offset,
          deadLetterTopic: topic,
          kind,
          reason,
        },
        'message sent to the dead-letter topic',
      );
      return 'done';
    } catch (error: unknown) {
      processing.logger.warn(
        { topic: source.topic, offset: source.offset, deadLetterTopic: topic, error: describeError(error) },
        'could not produce to the dead-letter topic; retrying',
      );
      if ((await pause(backoffMs(sendAttempt, processing.retryPolicy), payload)) === 'interrupted') {
        return 'interrupted';
      }
    }
  }
}

/** Waits between retries, heartbeating so the group does not evict us, and stops early on shutdown. */
async function pause(delayMs: number, payload: EachBatchPayload): Promise<Outcome> {
  const until = Date.now() + delayMs;
  while (Date.now() < until) {
    if (!payload.isRunning() || payload.isStale()) {
      return 'interrupted';
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(until - Date.now(), 500)));
    await payload.heartbeat();
  }
  return payload.isRunning() && !payload.isStale() ? 'done' : 'interrupted';
}

function deadLetterSource(topic: string, partition: number, message: KafkaMessage): DeadLetterSource {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key ?? null,
    value: message.value,
    headers: message.headers ?? {},
  };
}

function logFields(message: ConsumedMessage): Record<string, unknown> {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    messageId: message.envelope.messageId,
    type: message.envelope.type,
    correlationId: message.envelope.metadata.correlationId,
    runId: message.envelope.metadata.runId,
  };
}
