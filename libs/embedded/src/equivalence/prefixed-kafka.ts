import {
  DEAD_LETTER_PARTITIONS,
  deadLetterTopic,
  pipelineTopicSpecs,
  type TopicName,
} from '@invoice-engine/contracts';
import {
  BatchingProducer,
  connectOrExplain,
  ensureTopics,
  KafkaTransportStrategy,
  type KafkaClient,
  type KafkaTransportOptions,
  type MessageClasses,
  type TopicSpec,
} from '@invoice-engine/messaging';
import type { MessagePublisher, MessageToPublish } from '@invoice-engine/runtime';
import type { MessageHandler } from '@nestjs/microservices';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Topic names are fixed in the contracts, and the broker is shared with every other integration test.
 * A pipeline under test therefore runs on topics of its own: every contract topic with a unique prefix,
 * on the publishing side (`PrefixingPublisher`) and on the consuming side (`PrefixedServiceTransport`).
 * The handlers and the messages are untouched; only the names on the broker change.
 */
export class TopicPrefix {
  constructor(readonly value: string) {}

  of(topic: string): string {
    return `${this.value}${topic}`;
  }

  /** Every pipeline topic and its dead-letter topic, prefixed, with the contracts' partition counts. */
  topicSpecs(): TopicSpec[] {
    return pipelineTopicSpecs().flatMap((spec) => [
      { topic: this.of(spec.topic), partitions: spec.partitions },
      { topic: this.of(deadLetterTopic(spec.topic)), partitions: DEAD_LETTER_PARTITIONS },
    ]);
  }

  /**
   * Creates the prefixed topics. The broker may answer "unknown topic" while the new partitions' leaders
   * are being elected (kafkajs' `waitForLeaders` does not retry that), so it is asked again until they
   * are, at most 60 s.
   */
  async createTopics(client: KafkaClient): Promise<void> {
    await retryWhileLeadersSettle(() => ensureTopics(client, this.topicSpecs()));
  }

  /**
   * Deletes every topic and consumer group whose name carries this prefix. A group that still has a
   * member (a consumer that did not leave) cannot be deleted: it is left to expire with its offsets.
   */
  async deleteTopicsAndGroups(client: KafkaClient): Promise<void> {
    const admin = client.kafka.admin();
    await connectOrExplain(admin, client.connection);
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.value));
      if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
      const { groups } = await admin.listGroups();
      const ours = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(this.value));
      if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }
}

/** Protocol errors a broker answers while a new topic's partition leaders are still being elected. */
const LEADERS_SETTLING = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

async function retryWhileLeadersSettle<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error: unknown) {
      const type = (error as { readonly type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !LEADERS_SETTLING.has(type) || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/**
 * The runtime `MessagePublisher` of the distributed mode (the batching Kafka producer) on prefixed
 * topics. `disconnect` is what `DistributedInfrastructureModule` calls on shutdown.
 */
export class PrefixingPublisher implements MessagePublisher {
  private constructor(
    private readonly producer: BatchingProducer,
    private readonly prefix: TopicPrefix,
  ) {}

  /** The prefixed topics must exist (`TopicPrefix.createTopics`). */
  static async connect(client: KafkaClient, prefix: TopicPrefix): Promise<PrefixingPublisher> {
    return new PrefixingPublisher(await BatchingProducer.connect(client), prefix);
  }

  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void> {
    return this.producer.publish(this.prefix.of(topic), messages);
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * The Kafka transport of one service (its own consumer group, as deployed) over prefixed topics: only
 * the `@EventPattern` handlers of the service's topics, each subscribed under the prefixed name, with
 * the contracts' message classes for validation.
 */
export class PrefixedServiceTransport extends KafkaTransportStrategy {
  constructor(
    client: KafkaClient,
    private readonly prefix: TopicPrefix,
    private readonly serviceTopics: readonly TopicName[],
    options: Omit<KafkaTransportOptions, 'messageClasses'> & {
      readonly messageClasses: Readonly<Record<string, MessageClasses>>;
    },
  ) {
    super(client, {
      ...options,
      messageClasses: Object.fromEntries(
        Object.entries(options.messageClasses).map(([topic, classes]) => [prefix.of(topic), classes]),
      ),
    });
  }

  override getHandlers(): Map<string, MessageHandler> {
    return new Map(
      [...super.getHandlers()]
        .filter(([topic]) => (this.serviceTopics as readonly string[]).includes(topic))
        .map(([topic, handler]) => [this.prefix.of(topic), handler]),
    );
  }
}
