import { Partitioners, type PartitionMetadata } from 'kafkajs';

/**
 * Kafka's default partitioner, taken from kafkajs' public `Partitioners.DefaultPartitioner` (the Java
 * client's murmur2 of the key, made positive, modulo the partition count): with the same partition
 * count, a key lands on the same partition number in embedded mode as on a Kafka broker.
 */
export class KeyPartitioner {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly metadataByCount = new Map<number, PartitionMetadata[]>();

  partitionOf(topic: string, key: string, partitions: number): number {
    return this.partitioner({
      topic,
      partitionMetadata: this.metadataFor(partitions),
      message: { key, value: null },
    });
  }

  /** The partitioner only reads the partition list's length for keyed messages; every partition "has a leader". */
  private metadataFor(partitions: number): PartitionMetadata[] {
    let metadata = this.metadataByCount.get(partitions);
    if (metadata === undefined) {
      metadata = Array.from({ length: partitions }, (_unused, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      }));
      this.metadataByCount.set(partitions, metadata);
    }
    return metadata;
  }
}
