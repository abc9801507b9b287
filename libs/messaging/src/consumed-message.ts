import type { EventEnvelope } from '@invoice-engine/kernel';
import type { MessageClasses } from './envelope-codec';

/** A decoded and validated message as a handler receives it. */
export interface ConsumedMessage<Data = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly envelope: EventEnvelope<string, Data>;
}

/**
 * Handles one message. Resolving means done (the offset may be committed); throwing `TransientError`
 * means try again later, `PermanentError` means dead-letter it. Handlers must be idempotent: delivery
 * is at least once.
 */
export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface Subscription {
  readonly topic: string;
  readonly handler: MessageHandler;
  /** When given, `data` is validated with the class of its envelope type; other types are invalid. */
  readonly messageClasses?: MessageClasses;
}
