import type { ClassConstructor } from 'class-transformer';
import type { EventEnvelope } from '@invoice-engine/kernel';
import type { TopicName } from '../topics';

/** Everything a producer or consumer needs to know about one message type. */
export interface MessageContract<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  /** The current version; older versions are read through upcasters. */
  readonly schemaVersion: number;
  readonly topic: TopicName;
  readonly dataClass: ClassConstructor<Data>;
  /** The Kafka key of a message: the value of its topic's key field. */
  keyOf(data: Data): string;
}

/** A parsed (or to be produced) message of a contract: the kernel envelope with the contract's data. */
export type MessageOf<Contract> =
  Contract extends MessageContract<infer Type, infer Data> ? EventEnvelope<Type, Data> : never;

/** Stamps a contract's type and current version on data and metadata passed explicitly by the caller. */
export function createMessage<Type extends string, Data extends object>(
  contract: MessageContract<Type, Data>,
  messageId: string,
  data: Data,
  metadata: EventEnvelope['metadata'],
): EventEnvelope<Type, Data> {
  return { messageId, type: contract.type, schemaVersion: contract.schemaVersion, data, metadata };
}

/** The Kafka value of a message. Money and decimals are strings already, so JSON keeps them exact. */
export function serializeMessage(message: EventEnvelope): string {
  return JSON.stringify(message);
}
