/**
 * The Kafka topics of the pipeline. The key decides order and parallelism: every message with the same
 * key lands on one partition and is handled by one consumer at a time (ARCHITECTURE.md "Kafka topics").
 */
export const Topics = {
  InvoiceBatchRuns: 'invoice-batch.runs',
  GroupWork: 'invoice-batch.group-work',
  TaxRequests: 'tax.requests',
  TaxResults: 'tax.results',
  GroupResults: 'invoice-batch.group-results',
  BillingScheduleEvents: 'billing.schedule-events',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The data field whose value is the message key on a topic. */
export type TopicKey = 'runId' | 'groupingKey' | 'billingScheduleId';

export interface TopicDefinition {
  readonly name: TopicName;
  readonly key: TopicKey;
  /** Why this key: what must stay in order, and what may run in parallel. */
  readonly keyMeaning: string;
  /** Partitions when a deployment does not say otherwise; the ceiling of parallel consumers. */
  readonly defaultPartitions: number;
}

export const TOPIC_DEFINITIONS: Readonly<Record<TopicName, TopicDefinition>> = {
  [Topics.InvoiceBatchRuns]: {
    name: Topics.InvoiceBatchRuns,
    key: 'runId',
    keyMeaning: 'run lifecycle: the messages of one run stay in order',
    defaultPartitions: 3,
  },
  [Topics.GroupWork]: {
    name: Topics.GroupWork,
    key: 'groupingKey',
    keyMeaning: 'one group is invoiced by one consumer at a time; different groups run in parallel',
    defaultPartitions: 24,
  },
  [Topics.TaxRequests]: {
    name: Topics.TaxRequests,
    key: 'groupingKey',
    keyMeaning: 'tax for one group is calculated in request order',
    defaultPartitions: 24,
  },
  [Topics.TaxResults]: {
    name: Topics.TaxResults,
    key: 'groupingKey',
    keyMeaning: 'tax results reach the invoice generation consumer that owns the group',
    defaultPartitions: 24,
  },
  [Topics.GroupResults]: {
    name: Topics.GroupResults,
    key: 'runId',
    keyMeaning: 'all group outcomes of one run reach one summarization consumer, in order',
    defaultPartitions: 6,
  },
  [Topics.BillingScheduleEvents]: {
    name: Topics.BillingScheduleEvents,
    key: 'billingScheduleId',
    keyMeaning: 'the changes of one billing schedule are applied in the order they were published',
    defaultPartitions: 12,
  },
};

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

export type DeadLetterTopicName = `${TopicName}.dlq`;

/** Messages that fail validation or exhaust their retries go here, with the reason in the headers. */
export function deadLetterTopic(topic: TopicName): DeadLetterTopicName {
  return `${topic}.dlq`;
}

/** Dead letters are rare and read by people, not by parallel consumers. */
export const DEAD_LETTER_PARTITIONS = 1;

export function isTopicName(value: string): value is TopicName {
  return (ALL_TOPICS as readonly string[]).includes(value);
}

/** Every pipeline topic with its default partition count: what a broker (or the in-process bus) must hold. */
export function pipelineTopicSpecs(): readonly { readonly topic: TopicName; readonly partitions: number }[] {
  return ALL_TOPICS.map((topic) => ({ topic, partitions: TOPIC_DEFINITIONS[topic].defaultPartitions }));
}
