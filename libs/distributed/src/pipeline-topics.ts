import { ALL_TOPICS, contractsOnTopic, TOPIC_DEFINITIONS } from '@invoice-engine/contracts';
import type { MessageClasses, TopicSpec } from '@invoice-engine/messaging';

/** Every pipeline topic with its default partition count (dead-letter topics are added by the runner). */
export function pipelineTopicSpecs(): readonly TopicSpec[] {
  return ALL_TOPICS.map((topic) => ({ topic, partitions: TOPIC_DEFINITIONS[topic].defaultPartitions }));
}

/** For each topic, the data class of every message type it carries: consumers validate before handling. */
export function pipelineMessageClasses(): Readonly<Record<string, MessageClasses>> {
  return Object.fromEntries(
    ALL_TOPICS.map((topic) => [
      topic,
      Object.fromEntries(contractsOnTopic(topic).map((contract) => [contract.type, contract.dataClass])),
    ]),
  );
}
