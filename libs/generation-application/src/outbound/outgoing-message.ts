import type { MessageContract, TopicName } from '@invoice-engine/contracts';
import { createMessage } from '@invoice-engine/contracts';
import type { EventEnvelope, EventMetadata } from '@invoice-engine/kernel';
import type { MessagePublisher } from '@invoice-engine/runtime';

/** A message to publish: the contract decides its topic and key. */
export interface OutgoingMessage {
  readonly topic: TopicName;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

export function outgoing<Type extends string, Data extends object>(
  contract: MessageContract<Type, Data>,
  messageId: string,
  data: Data,
  metadata: EventMetadata,
): OutgoingMessage {
  return {
    topic: contract.topic,
    key: contract.keyOf(data),
    envelope: createMessage(contract, messageId, data, metadata),
  };
}

/** Publishes per topic, in order; resolves once the publisher has accepted every message. */
export async function publishAll(
  publisher: MessagePublisher,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  const topics = [...new Set(messages.map((message) => message.topic))];
  for (const topic of topics) {
    const onTopic = messages.filter((message) => message.topic === topic);
    await publisher.publish(
      topic,
      onTopic.map(({ key, envelope }) => ({ key, envelope })),
    );
  }
}
