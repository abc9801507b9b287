import { randomUUID } from 'node:crypto';
import { retryWhileLeadershipSettles } from '@invoice-engine/messaging';
import { Kafka, logLevel, type Admin, type IHeaders, type KafkaMessage } from 'kafkajs';

/** Offsets per partition of each topic (topic → partition → offset). */
export type TopicOffsets = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** A consumer group and the topics it consumes. */
export interface GroupTopics {
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface GroupState {
  readonly state: string;
  readonly memberIds: readonly string[];
}

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : String(value ?? ''),
    ]),
  );
}

function received(topic: string, partition: number, message: KafkaMessage): ReceivedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers: headersAsText(message.headers),
  };
}

/**
 * What the end-to-end tests and the bench do to the shared broker: read topic ends, place a consumer
 * group's committed offsets (so a fresh group starts exactly where the test wants, or replays from an
 * earlier point), measure lag, watch group membership, publish raw bytes and read a topic from offsets.
 */
export class KafkaTestAdmin {
  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {}

  static async connect(brokers: readonly string[]): Promise<KafkaTestAdmin> {
    const kafka = new Kafka({
      brokers: [...brokers],
      clientId: `e2e-admin-${randomUUID().slice(0, 8)}`,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    return new KafkaTestAdmin(kafka, admin);
  }

  async disconnect(): Promise<void> {
    await this.admin.disconnect();
  }

  /** The next offset of every partition of the topics (what a consumer placed "at the end" reads next). */
  async topicEnds(topics: readonly string[]): Promise<TopicOffsets> {
    const ends = new Map<string, Map<number, string>>();
    for (const topic of topics) {
      // A topic the pipeline created a moment ago may still be electing its partition leaders.
      const offsets = await retryWhileLeadershipSettles(() => this.admin.fetchTopicOffsets(topic), {
        timeoutMs: 30_000,
        pauseMs: 250,
        beforeRetry: () => this.admin.fetchTopicMetadata({ topics: [topic] }),
      });
      ends.set(topic, new Map(offsets.map((entry) => [entry.partition, entry.high])));
    }
    return ends;
  }

  /** Commits offsets for a group that has no running member (a new group, or one whose services are stopped). */
  async placeGroup(groupId: string, offsets: TopicOffsets): Promise<void> {
    for (const [topic, partitions] of offsets) {
      await this.admin.setOffsets({
        groupId,
        topic,
        partitions: [...partitions].map(([partition, offset]) => ({ partition, offset })),
      });
    }
  }

  /** Messages published on the group's topics and not yet committed by it. */
  async lag(group: GroupTopics): Promise<number> {
    const ends = await this.topicEnds(group.topics);
    const committed = await this.admin.fetchOffsets({ groupId: group.groupId, topics: [...group.topics] });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions) {
        const end = Number(ends.get(topic)?.get(partition) ?? '0');
        lag += Math.max(0, end - (Number(offset) < 0 ? 0 : Number(offset)));
      }
    }
    return lag;
  }

  /** Waits until every group has committed everything on its topics, and stays so for `settleMs`. */
  async waitUntilConsumed(groups: readonly GroupTopics[], timeoutMs: number, settleMs = 1500): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | null = null;
    while (Date.now() < deadline) {
      const lags = await Promise.all(groups.map((group) => this.lag(group)));
      if (lags.every((lag) => lag === 0)) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= settleMs) return;
      } else {
        quietSince = null;
      }
      await sleep(250);
    }
    const lags = await Promise.all(groups.map(async (group) => `${group.groupId}: ${await this.lag(group)}`));
    throw new Error(`consumer groups still lag after ${timeoutMs} ms (${lags.join(', ')})`);
  }

  async groupState(groupId: string): Promise<GroupState> {
    const { groups } = await this.admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      state: group?.state ?? 'Dead',
      memberIds: group?.members.map((member) => member.memberId) ?? [],
    };
  }

  async publish(
    topic: string,
    messages: readonly { key: string; value: string; headers?: Record<string, string> }[],
  ): Promise<void> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, messages: messages.map((message) => ({ ...message })) });
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * Reads a topic from the given offsets (through a throw-away consumer group) until `enough` says so
   * or the timeout passes; returns what it read.
   */
  async read(
    from: TopicOffsets,
    enough: (messages: readonly ReceivedMessage[]) => boolean,
    timeoutMs: number,
  ): Promise<readonly ReceivedMessage[]> {
    const groupId = `e2e-reader-${randomUUID()}`;
    await this.placeGroup(groupId, from);
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    const messages: ReceivedMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...from.keys()], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ topic, partition, message }) => {
          messages.push(received(topic, partition, message));
          return Promise.resolve();
        },
      });
      const deadline = Date.now() + timeoutMs;
      while (!enough(messages) && Date.now() < deadline) await sleep(200);
      return messages;
    } finally {
      await consumer.disconnect();
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }

  /** Removes the groups a test created (they have no members once its services stopped). */
  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    await this.admin.deleteGroups([...groupIds]).catch(() => undefined);
  }
}
