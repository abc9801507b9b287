import { ALL_TOPICS, contractsOnTopic, Topics, type TopicName } from '@invoice-engine/contracts';
import type { MessageClasses } from '@invoice-engine/messaging';

/**
 * Topics whose only consumers (invoice generation and tax, `parsedMessage` in generation-application)
 * parse every message against its contract themselves, with upcasting, before anything else: an
 * invalid one throws `InvalidMessageError` there and is dead-lettered as `invalid-message`. The
 * transport checks only the envelope of these, so their data is not validated twice.
 */
export const TOPICS_PARSED_BY_THEIR_HANDLERS: readonly TopicName[] = [
  Topics.GroupWork,
  Topics.TaxRequests,
  Topics.TaxResults,
];

/**
 * For each topic, the data class of every message type it carries: consumers validate before handling.
 * Topics parsed by their handlers are left out (see above).
 */
export function pipelineMessageClasses(): Readonly<Record<string, MessageClasses>> {
  return Object.fromEntries(
    ALL_TOPICS.filter((topic) => !TOPICS_PARSED_BY_THEIR_HANDLERS.includes(topic)).map((topic) => [
      topic,
      Object.fromEntries(contractsOnTopic(topic).map((contract) => [contract.type, contract.dataClass])),
    ]),
  );
}
