import type { EventEnvelope } from '@invoice-engine/kernel';

/** One message to publish: the key decides the partition and so the order; the envelope is the value. */
export interface MessageToPublish {
  readonly key: string;
  readonly envelope: EventEnvelope;
}

/**
 * The outbound side of the bus. Kafka in distributed mode, the in-process bus in embedded mode.
 * Resolves once every message is durably accepted; at-least-once, so consumers dedupe by message id.
 */
export interface MessagePublisher {
  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void>;
}
