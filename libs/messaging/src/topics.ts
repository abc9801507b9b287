import type { Admin } from 'kafkajs';
import { connectOrExplain } from './broker-unreachable';
import { retryWhileLeadershipSettles } from './leadership-retry';
import type { KafkaClient } from './kafka-client';

/** A topic and how many partitions it gets when it is created (the parallelism ceiling of its consumers). */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  /** Broker default when absent (1 on the local single-node broker, 3 in production clusters). */
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

/**
 * Creates the topics that do not exist yet; existing ones are left as they are (their partition count
 * is never changed here, because adding partitions moves keys to other partitions and breaks per-key
 * order; a mismatch is logged). Safe to call from every app at every boot, and concurrently.
 */
export async function ensureTopics(client: KafkaClient, specs: readonly TopicSpec[]): Promise<void> {
  if (specs.length === 0) {
    return;
  }
  const admin = client.kafka.admin();
  await connectOrExplain(admin, client.connection);
  try {
    await createMissingTopics(client, admin, specs);
  } finally {
    await admin.disconnect();
  }
}

async function createMissingTopics(
  client: KafkaClient,
  admin: Admin,
  specs: readonly TopicSpec[],
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) {
    // Returns false instead of failing when another process created some of them meanwhile. kafkajs'
    // own wait for leaders is off: it retries LEADER_NOT_AVAILABLE only and fails on the
    // UNKNOWN_TOPIC_OR_PARTITION a KRaft broker answers until its metadata cache has the new topic;
    // waitUntilServed below waits out both.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor ?? -1,
        configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    client.logger.info({ topics: missing.map((spec) => spec.topic) }, 'created Kafka topics');
    await waitUntilServed(admin, missing);
  }
  const present = specs.filter((spec) => existing.has(spec.topic));
  if (present.length > 0) {
    await warnAboutPartitionMismatches(client, admin, present);
  }
}

async function warnAboutPartitionMismatches(
  client: KafkaClient,
  admin: Admin,
  specs: readonly TopicSpec[],
): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });
  for (const spec of specs) {
    const actual = metadata.topics.find((topic) => topic.name === spec.topic)?.partitions.length;
    if (actual !== undefined && actual !== spec.partitions) {
      client.logger.warn(
        { topic: spec.topic, configuredPartitions: spec.partitions, actualPartitions: actual },
        'Kafka topic exists with a different partition count; left unchanged',
      );
    }
  }
}

/**
 * Right after creation a KRaft broker may not know the topic yet (metadata answers
 * UNKNOWN_TOPIC_OR_PARTITION), may have no leader yet (LEADER_NOT_AVAILABLE), or names a leader that
 * does not serve the partition yet (a produce or offset request is answered NOT_LEADER_FOR_PARTITION
 * or UNKNOWN_TOPIC_OR_PARTITION). Reading each new topic's offsets (a request only the serving leader
 * answers) waits all of that out, so callers can use the topics at once.
 */
async function waitUntilServed(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  for (const { topic } of specs) {
    await retryWhileLeadershipSettles(() => admin.fetchTopicOffsets(topic), {
      timeoutMs: 30_000,
      pauseMs: 100,
      beforeRetry: () => admin.fetchTopicMetadata({ topics: [topic] }),
    });
  }
}
