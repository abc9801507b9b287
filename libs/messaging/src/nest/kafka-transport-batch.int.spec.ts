import { describe, expect, it, jest } from '@jest/globals';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { BatchingProducer } from '../batching-producer';
import { eventually, testClient, testEnvelope, uniqueName } from '../test-broker.fixture';
import { ensureTopics } from '../topics';
import { KafkaErrorPassthroughFilter } from './error-passthrough.filter';
import { KafkaMessageContext } from './kafka-message-context';
import { KafkaTransportStrategy } from './kafka-transport-strategy';

jest.setTimeout(60_000);

// Decorators need the topic when the class is defined, so it is unique per test file run.
const topic = uniqueName('nest-batches');
const slicedTopic = uniqueName('nest-sliced-batches');
const ownSliceTopic = uniqueName('nest-own-slice-batches');

@Injectable()
class Batches {
  readonly received: Array<{ sequences: number[]; lastOffset: string }> = [];
}

@Controller()
class GroupResultsConsumer {
  constructor(@Inject(Batches) private readonly batches: Batches) {}

  @EventPattern(topic, { batch: true })
  handle(
    @Payload() envelopes: readonly EventEnvelope<string, { sequence: number }>[],
    @Ctx() context: KafkaMessageContext,
  ): void {
    this.batches.received.push({
      sequences: envelopes.map((envelope) => envelope.data.sequence),
      lastOffset: context.getOffset(),
    });
  }
}

@Injectable()
class Slices {
  readonly received = new Map<string, number[][]>();
}

@Controller()
class SlicedConsumer {
  constructor(@Inject(Slices) private readonly slices: Slices) {}

  @EventPattern(slicedTopic, { batch: true })
  handleSliced(@Payload() envelopes: readonly EventEnvelope<string, { sequence: number }>[]): void {
    this.record(slicedTopic, envelopes);
  }

  @EventPattern(ownSliceTopic, { batch: true, maxBatchMessages: 3 })
  handleOwnSlice(@Payload() envelopes: readonly EventEnvelope<string, { sequence: number }>[]): void {
    this.record(ownSliceTopic, envelopes);
  }

  private record(from: string, envelopes: readonly EventEnvelope<string, { sequence: number }>[]): void {
    this.slices.received.set(from, [
      ...(this.slices.received.get(from) ?? []),
      envelopes.map((envelope) => envelope.data.sequence),
    ]);
  }
}

describe('an @EventPattern with { batch: true } on the Kafka transport', () => {
  it('gets a partition batch as an array of envelopes, in order, with the last message as context', async () => {
    const client = testClient('nest-transport-batch-int');
    await ensureTopics(client, [
      { topic, partitions: 1 },
      { topic: `${topic}.dlq`, partitions: 1 },
    ]);
    const producer = await BatchingProducer.connect(client);
    await producer.publish(
      topic,
      Array.from({ length: 100 }, (_, sequence) => ({
        key: 'run-1',
        envelope: testEnvelope('Numbered', { sequence }),
      })),
    );
    await producer.disconnect();
    const moduleRef = await Test.createTestingModule({
      controllers: [GroupResultsConsumer],
      providers: [Batches],
    }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new KafkaTransportStrategy(client, { groupId: uniqueName('nest-batch-group') }),
    });
    app.useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.listen();
    try {
      const batches = app.get(Batches);
      await eventually(
        () => batches.received.flatMap((batch) => batch.sequences).length >= 100,
        '100 messages',
      );
      expect(batches.received.flatMap((batch) => batch.sequences)).toEqual(
        Array.from({ length: 100 }, (_, sequence) => sequence),
      );
      expect(batches.received.some((batch) => batch.sequences.length > 1)).toBe(true);
      const last = batches.received.at(-1);
      expect(last?.lastOffset).toBe('99');
    } finally {
      await app.close();
    }
  });
});

describe('the slice size of batch handlers on the Kafka transport', () => {
  it("is the transport's maxBatchMessages, unless the pattern gives its own; order holds across slices", async () => {
    const client = testClient('nest-transport-slices-int');
    await ensureTopics(
      client,
      [slicedTopic, ownSliceTopic].flatMap((name) => [
        { topic: name, partitions: 1 },
        { topic: `${name}.dlq`, partitions: 1 },
      ]),
    );
    const producer = await BatchingProducer.connect(client);
    for (const name of [slicedTopic, ownSliceTopic]) {
      await producer.publish(
        name,
        Array.from({ length: 50 }, (_, sequence) => ({
          key: 'run-1',
          envelope: testEnvelope('Numbered', { sequence }),
        })),
      );
    }
    await producer.disconnect();
    const moduleRef = await Test.createTestingModule({
      controllers: [SlicedConsumer],
      providers: [Slices],
    }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new KafkaTransportStrategy(client, {
        groupId: uniqueName('nest-slice-group'),
        maxBatchMessages: 10,
      }),
    });
    app.useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.listen();
    try {
      const slices = app.get(Slices);
      const sequencesOf = (name: string) => (slices.received.get(name) ?? []).flat();
      await eventually(
        () => sequencesOf(slicedTopic).length >= 50 && sequencesOf(ownSliceTopic).length >= 50,
        '50 messages on each topic',
      );
      const all = Array.from({ length: 50 }, (_, sequence) => sequence);
      expect(sequencesOf(slicedTopic)).toEqual(all);
      expect(sequencesOf(ownSliceTopic)).toEqual(all);
      const sizes = (name: string) => (slices.received.get(name) ?? []).map((slice) => slice.length);
      expect(Math.max(...sizes(slicedTopic))).toBeLessThanOrEqual(10);
      expect(Math.max(...sizes(ownSliceTopic))).toBeLessThanOrEqual(3);
      expect(sizes(slicedTopic)).toContain(10);
      expect(sizes(ownSliceTopic)).toContain(3);
    } finally {
      await app.close();
    }
  });
});
