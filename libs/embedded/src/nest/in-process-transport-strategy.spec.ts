import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@invoice-engine/kernel';
import {
  KafkaErrorPassthroughFilter,
  KafkaMessageContext,
  PermanentError,
  TransientError,
} from '@invoice-engine/messaging';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { fastRetries, testEnvelope } from '../bus/bus.fixture';
import { InProcessBus } from '../bus/in-process-bus';
import { InProcessTransportStrategy } from './in-process-transport-strategy';

const topic = 'nest-group-work';

class GroupWorkItemRequested {
  @IsString() groupingKey!: string;
}

interface Delivery {
  readonly groupingKey: string;
  readonly topic: string;
  readonly key: string | null;
  readonly partition: number;
  readonly offset: string;
  readonly messageId: string | undefined;
}

@Injectable()
class Deliveries {
  readonly received: Delivery[] = [];
  readonly failuresLeft = new Map([['busy-customer', 1]]);
}

@Controller()
class GroupWorkConsumer {
  constructor(@Inject(Deliveries) private readonly deliveries: Deliveries) {}

  @EventPattern(topic)
  handle(
    @Payload() envelope: EventEnvelope<string, GroupWorkItemRequested>,
    @Ctx() context: KafkaMessageContext,
  ): void {
    const { groupingKey } = envelope.data;
    if (groupingKey === 'closed-customer') {
      throw new PermanentError('the billing account is closed');
    }
    const failuresLeft = this.deliveries.failuresLeft.get(groupingKey) ?? 0;
    if (failuresLeft > 0) {
      this.deliveries.failuresLeft.set(groupingKey, failuresLeft - 1);
      throw new TransientError('the event store is busy');
    }
    this.deliveries.received.push({
      groupingKey,
      topic: context.getTopic(),
      key: context.getKey(),
      partition: context.getPartition(),
      offset: context.getOffset(),
      messageId: context.getHeaders()['message-id'],
    });
  }
}

@Controller()
class RequestResponseConsumer {
  @MessagePattern(topic)
  answer(): string {
    return 'no';
  }
}

async function microserviceOn(
  bus: InProcessBus,
  controller: typeof GroupWorkConsumer | typeof RequestResponseConsumer,
) {
  const moduleRef = await Test.createTestingModule({
    controllers: [controller],
    providers: [Deliveries],
  }).compile();
  const app = moduleRef.createNestMicroservice({
    logger: false,
    strategy: new InProcessTransportStrategy(bus, {
      groupId: 'invoice-generation',
      topics: [{ topic, partitions: 3 }],
      messageClasses: { [topic]: { GroupWorkItemRequested } },
      retryPolicy: fastRetries,
    }),
  });
  app.useGlobalFilters(new KafkaErrorPassthroughFilter());
  return app;
}

describe('a Nest microservice on the in-process transport', () => {
  it('delivers to @EventPattern handlers with a Kafka message context, retries transient errors and dead-letters permanent ones', async () => {
    const bus = new InProcessBus({ topics: [] });
    const app = await microserviceOn(bus, GroupWorkConsumer);
    await app.listen();
    try {
      const envelopes = ['customer-1', 'closed-customer', 'busy-customer'].map((groupingKey) => ({
        key: groupingKey,
        envelope: testEnvelope('GroupWorkItemRequested', { groupingKey }),
      }));
      await bus.publish(topic, envelopes);
      await bus.idle();

      const received = app.get(Deliveries).received;
      expect([...received].sort((left, right) => left.groupingKey.localeCompare(right.groupingKey))).toEqual(
        ['busy-customer', 'customer-1'].map((groupingKey) => ({
          groupingKey,
          topic,
          key: groupingKey,
          partition: bus.partitionOf(topic, groupingKey),
          offset: expect.stringMatching(/^\d+$/),
          messageId: envelopes.find((message) => message.key === groupingKey)?.envelope.messageId,
        })),
      );
      expect(bus.deadLetters(topic).map(({ key, kind, reason }) => ({ key, kind, reason }))).toEqual([
        {
          key: 'closed-customer',
          kind: 'permanent-error',
          reason: 'PermanentError: the billing account is closed',
        },
      ]);
    } finally {
      await app.close();
    }
  });

  it('stops consuming when the microservice closes', async () => {
    const bus = new InProcessBus({ topics: [] });
    const app = await microserviceOn(bus, GroupWorkConsumer);
    await app.listen();
    const deliveries = app.get(Deliveries);
    await app.close();

    await bus.publish(topic, [
      { key: 'customer-1', envelope: testEnvelope('GroupWorkItemRequested', { groupingKey: 'customer-1' }) },
    ]);
    await bus.idle();

    expect(deliveries.received).toEqual([]);
    expect(bus.lagOf('invoice-generation', topic)).toBe(1);
  });

  it('refuses request-response handlers at boot', async () => {
    const app = await microserviceOn(new InProcessBus({ topics: [] }), RequestResponseConsumer);
    await expect(app.listen()).rejects.toThrow(/@MessagePattern\('nest-group-work'\) is not supported/);
    await app.close();
  });
});
