import { describe, expect, it, jest } from '@jest/globals';
import { BatchingProducer } from './batching-producer';
import { readTopic, testClient, testEnvelope, uniqueName } from './test-broker.fixture';
import { ensureTopics } from './topics';

jest.setTimeout(60_000);

const client = testClient('batching-producer-int');

describe('when one publish call carries more than the broker takes in one record batch', () => {
  it('splits it into requests the broker accepts and delivers every message in order', async () => {
    const topic = uniqueName('large-publish');
    await ensureTopics(client, [{ topic, partitions: 1 }]);
    const producer = await BatchingProducer.connect(client);
    const padding = 'x'.repeat(3000);
    try {
      // 600 messages of about 3 KB on one partition: about 1.8 MB, over the broker's 1 MiB per batch.
      await producer.publish(
        topic,
        Array.from({ length: 600 }, (_, sequence) => ({
          key: 'one-key',
          envelope: testEnvelope('Numbered', { sequence, padding }),
        })),
      );
    } finally {
      await producer.disconnect();
    }
    const delivered = await readTopic(client, topic, 600);
    const sequences = delivered.map(
      (message) =>
        (JSON.parse(message.value?.toString() ?? '{}') as { data: { sequence: number } }).data.sequence,
    );
    expect(sequences).toEqual(Array.from({ length: 600 }, (_, sequence) => sequence));
  });
});
