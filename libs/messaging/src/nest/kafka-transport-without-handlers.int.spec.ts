import { describe, expect, it, jest } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deadLetterTopicOf } from '../dead-letter';
import { testClient, uniqueName } from '../test-broker.fixture';
import { KafkaTransportStrategy } from './kafka-transport-strategy';

jest.setTimeout(60_000);

/** A controller with no `@EventPattern`, like the scheduling service's HTTP API. */
@Controller()
class HttpOnly {
  @Get('health')
  health(): string {
    return 'ok';
  }
}

describe('a service without Kafka handlers', () => {
  it('creates the topics it publishes to and joins no consumer group', async () => {
    const client = testClient('nest-without-handlers-int');
    const groupId = uniqueName('http-only');
    const topic = uniqueName('published-only');
    const strategy = new KafkaTransportStrategy(client, {
      groupId,
      topics: [{ topic, partitions: 2 }],
    });
    const moduleRef = await Test.createTestingModule({ controllers: [HttpOnly] }).compile();
    const app = moduleRef.createNestMicroservice({ logger: false, strategy });
    await app.listen();
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toEqual(expect.arrayContaining([topic, deadLetterTopicOf(topic)]));
      const { groups } = await admin.listGroups();
      expect(groups.map((group) => group.groupId)).not.toContain(groupId);
      expect(strategy.unwrap<readonly unknown[]>()).toEqual([]);
    } finally {
      await admin.disconnect();
      await app.close();
    }
  });
});
