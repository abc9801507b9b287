import {
  parseMessage,
  type MessageContract,
  type MessageOf,
  type MessageTypeRegistry,
} from '@invoice-engine/contracts';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { InvalidMessageError } from '@invoice-engine/messaging';

/**
 * Validates a consumed envelope against the contracts a consumer reads (upcasting older versions) and
 * gives it typed; an invalid one is an `InvalidMessageError`, which the consumer dead-letters with
 * every problem as the reason.
 */
export function parseConsumedMessage<Contract extends MessageContract>(
  registry: MessageTypeRegistry<Contract>,
  envelope: EventEnvelope,
): MessageOf<Contract> {
  const parsed = parseMessage(registry, JSON.stringify(envelope));
  if (!parsed.ok) throw new InvalidMessageError(parsed.reason);
  return parsed.message;
}
