import { ALL_TOPICS, deadLetterTopic, isTopicName, TOPIC_DEFINITIONS, Topics } from './topics';

describe('the Kafka topics', () => {
  it('key each topic as ARCHITECTURE.md says', () => {
    expect(Object.fromEntries(ALL_TOPICS.map((topic) => [topic, TOPIC_DEFINITIONS[topic].key]))).toEqual({
      'invoice-batch.runs': 'runId',
      'invoice-batch.group-work': 'groupingKey',
      'tax.requests': 'groupingKey',
      'tax.results': 'groupingKey',
      'invoice-batch.group-results': 'runId',
      'billing.schedule-events': 'billingScheduleId',
    });
  });

  it('give every topic at least one partition and a definition under its own name', () => {
    for (const topic of ALL_TOPICS) {
      expect(TOPIC_DEFINITIONS[topic].name).toBe(topic);
      expect(TOPIC_DEFINITIONS[topic].defaultPartitions).toBeGreaterThanOrEqual(1);
    }
  });

  it('name the dead-letter topic of a topic with a .dlq suffix', () => {
    expect(deadLetterTopic(Topics.TaxRequests)).toBe('tax.requests.dlq');
    expect(deadLetterTopic(Topics.BillingScheduleEvents)).toBe('billing.schedule-events.dlq');
  });

  it('recognise only pipeline topic names', () => {
    expect(isTopicName('invoice-batch.group-work')).toBe(true);
    expect(isTopicName('invoice-batch.group-work.dlq')).toBe(false);
  });
});
