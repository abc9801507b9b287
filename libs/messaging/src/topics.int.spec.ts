import { describe, expect, it, jest } from '@jest/globals';
import type { MessagingLogger } from './messaging-logger';
import { silentMessagingLogger } from './messaging-logger';
import { testClient, uniqueName } from './test-broker.fixture';
import { ensureTopics } from './topics';

jest.setTimeout(30_000);

describe('ensuring topics', () => {
  it('creates missing topics with their partition counts and accepts existing ones, also concurrently', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const logger: MessagingLogger = { ...silentMessagingLogger, warn: (fields) => warnings.push(fields) };
    const client = testClient('topics-int', logger);
    const topic = uniqueName('topics');
    const specs = [
      { topic, partitions: 4 },
      { topic: `${topic}.dlq`, partitions: 1 },
    ];

    await Promise.all([ensureTopics(client, specs), ensureTopics(client, specs)]);
    await ensureTopics(client, [{ topic, partitions: 8 }]);

    const admin = client.kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
    await admin.disconnect();
    const partitionCounts = metadata.topics.map((entry) => [entry.name, entry.partitions.length]);
    expect(partitionCounts.sort()).toEqual([
      [topic, 4],
      [`${topic}.dlq`, 1],
    ]);
    // kafkajs also warns about the losing concurrent create; only this library's own warning matters here.
    expect(warnings.filter((fields) => fields['component'] !== 'kafkajs')).toEqual([
      expect.objectContaining({ topic, configuredPartitions: 8, actualPartitions: 4 }),
    ]);
  });
});
