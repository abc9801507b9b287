import { describe, expect, it, jest } from '@jest/globals';
import type { EventEnvelope } from '@invoice-engine/kernel';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { BatchingProducer } from '../batching-producer';
import { eventually, testClient, testEnvelope, uniqueName } from '../test-broker.fixture';
import { KafkaErrorPassthroughFilter } from './error-passthrough.filter';
import { KafkaTransportStrategy } from './kafka-transport-strategy';

jest.setTimeout(60_000);

// Decorators need the topics when the class is defined, so they are unique per test file run.
const workTopic = uniqueName('dedicated-work');
const resultTopic = uniqueName('dedicated-results');

@Injectable()
class Handled {
  readonly work: string[] = [];
  readonly results: string[] = [];
  private releaseWork: () => void = () => undefined;
  readonly workReleased = new Promise<void>((resolve) => (this.releaseWork = resolve));

  release(): void {
    this.releaseWork();
  }
}

@Controller()
class PipelineConsumer {
  constructor(@Inject(Handled) private readonly handled: Handled) {}

  /** A backlog that does not move until the test says so. */
  @EventPattern(workTopic)
  async onWork(@Payload() envelope: EventEnvelope<string, { id: string }>): Promise<void> {
    this.handled.work.push(envelope.data.id);
    await this.handled.workReleased;
  }

  @EventPattern(resultTopic)
  onResult(@Payload() envelope: EventEnvelope<string, { id: string }>): void {
    this.handled.results.push(envelope.data.id);
  }
}

describe('a topic consumed in a consumer group of its own', () => {
  it('is handled while the service group is stuck in a backlog of another topic', async () => {
    const client = testClient('nest-dedicated-groups-int');
    const serviceGroup = uniqueName('service');
    const resultGroup = `${serviceGroup}.results`;
    const moduleRef = await Test.createTestingModule({
      controllers: [PipelineConsumer],
      providers: [Handled],
    }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new KafkaTransportStrategy(client, {
        groupId: serviceGroup,
        dedicatedGroups: { [resultTopic]: resultGroup },
        topics: [
          { topic: workTopic, partitions: 1 },
          { topic: resultTopic, partitions: 1 },
        ],
      }),
    });
    app.useGlobalFilters(new KafkaErrorPassthroughFilter());
    await app.listen();
    const producer = await BatchingProducer.connect(client);
    const admin = client.kafka.admin();
    await admin.connect();
    const handled = app.get(Handled);
    try {
      await producer.publish(
        workTopic,
        ['w1', 'w2', 'w3'].map((id) => ({ key: id, envelope: testEnvelope('Work', { id }) })),
      );
      await eventually(() => handled.work.length === 1, 'the first work item to be in progress');

      await producer.publish(
        resultTopic,
        ['r1', 'r2'].map((id) => ({ key: id, envelope: testEnvelope('Result', { id }) })),
      );
      await eventually(() => handled.results.length === 2, 'both results, while the work is stuck');
      expect(handled.work).toEqual(['w1']);
      const described = await admin.describeGroups([serviceGroup, resultGroup]);
      expect(described.groups.map((group) => [group.groupId, group.members.length])).toEqual([
        [serviceGroup, 1],
        [resultGroup, 1],
      ]);

      handled.release();
      await eventually(() => handled.work.length === 3, 'the rest of the work');
      expect(handled.results).toEqual(['r1', 'r2']);
    } finally {
      handled.release();
      await admin.disconnect();
      await producer.disconnect();
      await app.close();
    }
  });
});
