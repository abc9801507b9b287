import type { BatchSubscription } from './batch-subscription';
import type { ConsumedMessage } from './consumed-message';
import { describeError } from './failure-policy';
import type { MessagingLogger } from './messaging-logger';

/**
 * Hands a slice of consecutive, already decoded messages of one partition to the subscription's batch
 * handler. Whether it was handled together: `false` (the batch handler failed, logged here) means
 * none of them is taken as done, and the transport handles them one by one with its usual retries and
 * dead letters. Shared by every transport that delivers batches (Kafka, the in-process bus).
 */
export async function handleSliceTogether(
  slice: readonly ConsumedMessage[],
  subscription: BatchSubscription,
  logger: MessagingLogger,
): Promise<boolean> {
  try {
    await subscription.batchHandler(slice);
    return true;
  } catch (error: unknown) {
    const first = slice[0];
    logger.warn(
      {
        topic: first?.topic,
        partition: first?.partition,
        fromOffset: first?.offset,
        messages: slice.length,
        error: describeError(error),
      },
      'a batch handler failed; handling its messages one by one',
    );
    return false;
  }
}
