import { describe, expect, it, jest } from '@jest/globals';
import { BatchingProducer } from './batching-producer';
import type { ConsumedMessage } from './consumed-message';
import { KafkaConsumerRunner } from './consumer-runner';
import { eventually, testClient, testEnvelope, uniqueName } from './test-broker.fixture';

// The project-level testTimeout does not reach these files; talking to a real broker takes seconds.
jest.setTimeout(90_000);

const client = testClient('consumer-restart-int');
const total = 10_000;
const keys = 100;

describe('when the consumer stops in the middle of 10,000 keyed messages and starts again', () => {
  it('handles every message at least once, loses none, and resumes from its committed offsets', async () => {
    const topic = uniqueName('restart');
    const groupId = uniqueName('group');
    const producer = await BatchingProducer.connect(client);
    const runner = () =>
      new KafkaConsumerRunner(client, {
        groupId,
        topics: [{ topic, partitions: 6 }],
        partitionsConsumedConcurrently: 6,
        subscriptions: [{ topic, handler }],
      });
    const handledCount = new Map<number, number>();
    const firstSeenOrderByKey = new Map<string, number[]>();
    let handled = 0;
    async function handler(message: ConsumedMessage): Promise<void> {
      const { sequence } = message.envelope.data as { sequence: number };
      const times = (handledCount.get(sequence) ?? 0) + 1;
      handledCount.set(sequence, times);
      if (times === 1) {
        firstSeenOrderByKey.set(message.key ?? '', [
          ...(firstSeenOrderByKey.get(message.key ?? '') ?? []),
          sequence,
        ]);
      }
      handled += 1;
      // Slow enough that the stop below lands in the middle of the stream.
      await new Promise((resolve) => setImmediate(resolve));
    }

    const first = runner();
    await first.start();
    const publishing = Promise.all(
      Array.from({ length: total / 500 }, (_, chunk) =>
        producer.publish(
          topic,
          Array.from({ length: 500 }, (_, index) => {
            const sequence = chunk * 500 + index;
            return { key: `customer-${sequence % keys}`, envelope: testEnvelope('Numbered', { sequence }) };
          }),
        ),
      ),
    );
    await publishing;
    await producer.disconnect();
    await eventually(() => handled >= total * 0.3, 'the first third of the messages');
    await first.stop();
    const handledBeforeRestart = handled;
    expect(handledBeforeRestart).toBeLessThan(total);

    const second = runner();
    await second.start();
    try {
      await eventually(() => handledCount.size >= total, 'every message after the restart', 60_000);
    } finally {
      await second.stop();
    }

    expect(handledCount.size).toBe(total);
    const redelivered = handled - total;
    // Offsets were committed on stop, so the restart did not start over from the beginning.
    expect(redelivered).toBeLessThan(handledBeforeRestart);
    for (const [key, sequences] of firstSeenOrderByKey) {
      expect({ key, sequences }).toEqual({ key, sequences: [...sequences].sort((a, b) => a - b) });
    }
  });
});
