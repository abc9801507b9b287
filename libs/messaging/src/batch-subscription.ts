import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { ConsumedMessage, MessageHandler, Subscription } from './consumed-message';
import { decodeEnvelope, headersAsStrings, type MessageClasses } from './envelope-codec';
import { handleSliceTogether } from './batch-slice';
import { processPartitionBatch, type BatchProcessing } from './partition-batch';

/**
 * Handles several consecutive messages of one partition at once, in offset order. Resolving means
 * every one of them is done; throwing means none is taken as done (the runner then handles them one
 * by one, with its usual retries and dead letters). Handlers must be idempotent: delivery is at
 * least once, and a batch that failed halfway is delivered again message by message.
 */
export type BatchMessageHandler = (messages: readonly ConsumedMessage[]) => Promise<void>;

/** A subscription whose handler takes a partition's messages together, at most `maxBatchMessages`. */
export interface BatchSubscription extends Subscription {
  readonly batchHandler: BatchMessageHandler;
  readonly maxBatchMessages: number;
}

/** Messages handed to one call of a batch handler unless the subscription says otherwise. */
export const DEFAULT_MAX_BATCH_MESSAGES = 500;

/**
 * A subscription handing each fetched partition batch to `batchHandler` in slices of at most
 * `maxBatchMessages`. Its one-message `handler` is the same handler with a batch of one: the runner
 * falls back to it when a slice holds an invalid message or the batch handler failed.
 */
export function batchSubscription(
  topic: string,
  batchHandler: BatchMessageHandler,
  options: { readonly messageClasses?: MessageClasses; readonly maxBatchMessages?: number } = {},
): BatchSubscription {
  const maxBatchMessages = options.maxBatchMessages ?? DEFAULT_MAX_BATCH_MESSAGES;
  if (!Number.isInteger(maxBatchMessages) || maxBatchMessages < 1) {
    throw new Error(`maxBatchMessages must be a whole number ≥ 1, not ${maxBatchMessages}`);
  }
  const handler: MessageHandler = (message) => batchHandler([message]);
  return {
    topic,
    handler,
    batchHandler,
    maxBatchMessages,
    ...(options.messageClasses === undefined ? {} : { messageClasses: options.messageClasses }),
  };
}

/** Whether a subscription's handler takes batches (made by `batchSubscription`). */
export function isBatchSubscription(
  subscription: Subscription | undefined,
): subscription is BatchSubscription {
  return subscription !== undefined && 'batchHandler' in subscription;
}

/**
 * The runner's `eachBatch`: a batch subscription's partition batch goes to its batch handler in
 * slices, any other one message by message (`processPartitionBatch`).
 */
export async function processPartition(
  payload: EachBatchPayload,
  processing: BatchProcessing,
): Promise<void> {
  const subscription = processing.subscriptions.get(payload.batch.topic);
  if (!isBatchSubscription(subscription)) return processPartitionBatch(payload, processing);
  const { messages } = payload.batch;
  for (let from = 0; from < messages.length; from += subscription.maxBatchMessages) {
    if (!payload.isRunning() || payload.isStale()) return;
    const slice = messages.slice(from, from + subscription.maxBatchMessages);
    const handledTogether = await handleTogether(payload.batch, slice, subscription, processing);
    // Offsets, commits, heartbeats and the stop are the one-message path's: with the slice handled
    // together each message is only acknowledged there; otherwise each is handled on its own.
    await processPartitionBatch(
      { ...payload, batch: sliceOf(payload.batch, slice) },
      { ...processing, subscriptions: new Map([[payload.batch.topic, subscription]]) },
      handledTogether,
    );
  }
}

/** Whether the slice was handled as one batch: every message valid and the batch handler resolved. */
async function handleTogether(
  batch: Batch,
  slice: readonly KafkaMessage[],
  subscription: BatchSubscription,
  processing: BatchProcessing,
): Promise<boolean> {
  let consumed: ConsumedMessage[];
  try {
    consumed = slice.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key === null || message.key === undefined ? null : message.key.toString('utf8'),
      headers: headersAsStrings(message.headers ?? {}),
      envelope: decodeEnvelope(message.value, subscription.messageClasses),
    }));
  } catch {
    return false; // the one-message path dead-letters the invalid message and handles the others
  }
  return handleSliceTogether(consumed, subscription, processing.logger);
}

/** The same partition batch with only the slice's messages (the batch's methods kept). */
function sliceOf(batch: Batch, slice: KafkaMessage[]): Batch {
  return Object.assign(Object.create(Object.getPrototypeOf(batch) as object) as Batch, batch, {
    messages: slice,
  });
}
