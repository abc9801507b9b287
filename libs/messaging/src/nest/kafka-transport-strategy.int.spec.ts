import { describe, expect, it, jest } from '@jest/globals';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { BatchingProducer } from '../batching-producer';
import { PermanentError } from '../message-errors';
import { eventually, header, readTopic, testClient, testEnvelope, uniqueName } from '../test-broker.fixture';
import { KafkaErrorPassthroughFilter } from './error-passthrough.filter';
import { KafkaMessageContext } from './kafka-message-context';
import { KafkaTransportStrategy } from './kafka-transport-strategy';

jest.setTimeout(60_000);

// Decorators need the topic when the class is defined, so it is unique per test file run.
const topic = uniqueName('nest-transport');

class GroupWorkItemRequested {
  @IsString() groupingKey!: string;
}

@Injectable()
class Deliveries {
  readonly received: Array<{ groupingKey: string; key: string | null; partition: number }> = [];
}

@Controller()
class GroupWorkConsumer {
  constructor(@Inject(Deliveries) private readonly deliveries: Deliveries) {}

  @EventPattern(topic)
  handle(
    @Payload() envelope: EventEnvelope<string, GroupWorkItemRequested>,
    @Ctx() context: KafkaMessageContext,
  ): void {
    if (envelope.data.groupingKey === 'closed-customer') {
      throw new PermanentError('the billing account is closed');
    }
    this.deliveries.received.push({
      groupingKey: envelope.data.groupingKey,
      key: context.getKey(),
      partition: context.getPartition(),
    });
  }
}

describe('a Nest microservice on the Kafka transport', () => {
  it('boots, delivers @EventPattern messages with their context, and dead-letters a permanent failure', async () => {
    const client = testClient('nest-transport-int');
    const moduleRef = await Test.createTestingModule({
      controllers: [GroupWorkConsumer],
      providers: [Deliveries],
    }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new KafkaTransportStrategy(client, {
        groupId: uniqueName('nest-group'),
        topics: [{ topic, partitions: 3 }],
        messageClasses: { [topic]: { GroupWorkItemRequested } },
      }),
    });
    app.useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.listen();
    const producer = await BatchingProducer.connect(client);
    try {
      await producer.publish(
        topic,
        ['customer-1', 'closed-customer', 'customer-2'].map((groupingKey) => ({
          key: groupingKey,
          envelope: testEnvelope('GroupWorkItemRequested', { groupingKey }),
        })),
      );
      const deliveries = app.get(Deliveries);
      await eventually(() => deliveries.received.length >= 2, 'two deliveries');

      expect(deliveries.received.map(({ groupingKey, key }) => [groupingKey, key]).sort()).toEqual([
        ['customer-1', 'customer-1'],
        ['customer-2', 'customer-2'],
      ]);
      const [deadLetter] = await readTopic(client, `${topic}.dlq`, 1);
      expect(header(deadLetter!, 'dlq-kind')).toBe('permanent-error');
      expect(header(deadLetter!, 'dlq-reason')).toBe('PermanentError: the billing account is closed');
    } finally {
      await producer.disconnect();
      await app.close();
    }
  });
});
