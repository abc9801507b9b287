import {
  parseMessage,
  type MessageContract,
  type MessageOf,
  type MessageTypeRegistry,
} from '@invoice-engine/contracts';
import { InvalidMessageError } from '@invoice-engine/messaging';

/**
 * Validates a delivered envelope against the contracts the consumer reads (older versions upcast).
 * Whatever transport delivered it, an invalid message goes to the dead-letter topic with every reason.
 */
export function parsedMessage<Contract extends MessageContract>(
  registry: MessageTypeRegistry<Contract>,
  envelope: unknown,
): MessageOf<Contract> {
  const result = parseMessage(registry, JSON.stringify(envelope));
  if (!result.ok) throw new InvalidMessageError(result.reason);
  return result.message;
}
