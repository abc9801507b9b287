import { ALL_TOPICS, contractsOnTopic } from '@invoice-engine/contracts';
import type { MessageClasses } from '@invoice-engine/messaging';

/** For each topic, the data class of every message type it carries: consumers validate before handling. */
export function pipelineMessageClasses(): Readonly<Record<string, MessageClasses>> {
  return Object.fromEntries(
    ALL_TOPICS.map((topic) => [
      topic,
      Object.fromEntries(contractsOnTopic(topic).map((contract) => [contract.type, contract.dataClass])),
    ]),
  );
}
