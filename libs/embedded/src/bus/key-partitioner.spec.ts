import { describe, expect, it } from '@jest/globals';
import { KeyPartitioner } from './key-partitioner';

/** murmur2 values of Kafka's own `UtilsTest.testMurmur2` (Java client), made positive as its partitioner does. */
const javaClientMurmur2 = [
  { key: '21', hash: -973932308 },
  { key: 'foobar', hash: -790332482 },
  { key: 'a-little-bit-long-string', hash: -985981536 },
  { key: 'a-little-bit-longer-string', hash: -1486304829 },
  { key: 'abc', hash: 479470107 },
];

describe('the partition of a key on the in-process bus', () => {
  it('is the partition the Java client and kafkajs default partitioner choose', () => {
    const partitioner = new KeyPartitioner();
    for (const partitions of [1, 3, 24]) {
      for (const { key, hash } of javaClientMurmur2) {
        expect(partitioner.partitionOf('invoice-batch.group-work', key, partitions)).toBe(
          (hash & 0x7fffffff) % partitions,
        );
      }
    }
  });

  it('does not depend on the topic name or on earlier calls', () => {
    const first = new KeyPartitioner();
    const second = new KeyPartitioner();
    second.partitionOf('other', 'customer-9', 12);
    expect(first.partitionOf('tax.requests', 'customer-1', 12)).toBe(
      second.partitionOf('tax.results', 'customer-1', 12),
    );
  });
});
