import { handleSliceTogether, type BatchSubscription, type ConsumedMessage } from '@invoice-engine/messaging';
import { consumedMessageOf, type DeliveryContext } from './message-delivery';
import type { LoggedMessage } from './partition-log';

/**
 * Delivers consecutive messages of one partition to a batch handler in one call, as the Kafka runner
 * does with a slice of a fetched partition batch (libs/messaging `handleSliceTogether`). Whether they
 * were handled together: `false` when one of them does not decode or validate, or the batch handler
 * failed. Then none of them counts as handled, and the consumer delivers them one by one
 * (`deliverMessage`), with the retries and dead letters of a single message.
 */
export async function deliverSlice(
  slice: readonly LoggedMessage[],
  subscription: BatchSubscription,
  context: DeliveryContext,
): Promise<boolean> {
  let consumed: ConsumedMessage[];
  try {
    consumed = slice.map((message) => consumedMessageOf(message, subscription, context.decoder));
  } catch {
    return false; // delivered one by one, the invalid message is dead-lettered and the others handled
  }
  return handleSliceTogether(consumed, subscription, context.logger);
}
