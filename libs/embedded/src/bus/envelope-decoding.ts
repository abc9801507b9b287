import {
  contractsOnTopic,
  isTopicName,
  messageTypeRegistry,
  parseMessage,
  type MessageContract,
  type MessageTypeRegistry,
  type TopicName,
} from '@invoice-engine/contracts';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { decodeEnvelope, InvalidMessageError, type MessageClasses } from '@invoice-engine/messaging';

/**
 * Turns a consumed value back into an envelope before any handler sees it, or throws
 * `InvalidMessageError` (the message is dead-lettered unhandled):
 * - with `messageClasses` (what the Kafka transport is given), exactly as the Kafka consumer runner
 *   decodes (libs/messaging `decodeEnvelope`);
 * - otherwise, on a pipeline topic, with the contracts' `parseMessage` and the contracts of that topic
 *   (older versions upcast, every problem named in the reason);
 * - otherwise (a topic outside the contracts), the envelope alone is checked.
 */
export class EnvelopeDecoder {
  private readonly registries = new Map<TopicName, MessageTypeRegistry<MessageContract>>();

  decode(topic: string, value: string, messageClasses: MessageClasses | undefined): EventEnvelope {
    if (messageClasses !== undefined) {
      return decodeEnvelope(Buffer.from(value, 'utf8'), messageClasses);
    }
    if (isTopicName(topic)) {
      const parsed = parseMessage(this.registryOf(topic), value);
      if (!parsed.ok) {
        throw new InvalidMessageError(parsed.reason);
      }
      return parsed.message;
    }
    return decodeEnvelope(Buffer.from(value, 'utf8'));
  }

  private registryOf(topic: TopicName): MessageTypeRegistry<MessageContract> {
    let registry = this.registries.get(topic);
    if (registry === undefined) {
      registry = messageTypeRegistry(contractsOnTopic(topic));
      this.registries.set(topic, registry);
    }
    return registry;
  }
}
