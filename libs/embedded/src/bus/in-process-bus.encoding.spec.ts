import { Topics, TaxRequestedData } from '@invoice-engine/contracts';
import { describe, expect, it } from '@jest/globals';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import type { ConsumedMessage } from '@invoice-engine/messaging';
import { testEnvelope } from './bus.fixture';
import { InProcessBus } from './in-process-bus';

const topic = 'notes';

function collectingBus(topics = [{ topic, partitions: 2 }]): {
  bus: InProcessBus;
  received: ConsumedMessage[];
} {
  const bus = new InProcessBus({ topics });
  const received: ConsumedMessage[] = [];
  bus.subscribe({
    groupId: 'collector',
    subscriptions: topics.map((spec) => ({
      topic: spec.topic,
      handler: (message: ConsumedMessage) => Promise.resolve(void received.push(message)),
    })),
  });
  return { bus, received };
}

describe('a message crossing the in-process bus', () => {
  it('travels as JSON: the handler gets a decoded copy with Kafka-like headers, key, partition and offset', async () => {
    const { bus, received } = collectingBus();
    const envelope = testEnvelope('NoteTaken', { amount: '109.68', at: new Date('2026-03-01T06:00:00Z') });
    await bus.publish(topic, [{ key: 'customer-1', envelope }]);
    await bus.idle();

    const [message] = received;
    expect(message?.envelope).not.toBe(envelope);
    expect(message).toEqual({
      topic,
      partition: bus.partitionOf(topic, 'customer-1'),
      offset: '0',
      key: 'customer-1',
      headers: expect.objectContaining({ type: 'NoteTaken', 'message-id': envelope.messageId }),
      envelope: { ...envelope, data: { amount: '109.68', at: '2026-03-01T06:00:00.000Z' } },
    });
  });

  it('refuses a publish with a bigint anywhere and enqueues none of its messages', async () => {
    const { bus, received } = collectingBus();
    const publishing = bus.publish(topic, [
      { key: 'customer-1', envelope: testEnvelope('NoteTaken', { amount: '1.00' }) },
      { key: 'customer-1', envelope: testEnvelope('NoteTaken', { amountMinorUnits: 100n }) },
    ]);
    await expect(publishing).rejects.toThrow(/is not JSON-serializable/);
    await bus.idle();

    expect(received).toEqual([]);
    expect(bus.lagOf('collector', topic)).toBe(0);
  });

  it('refuses a topic that was not declared', async () => {
    const { bus } = collectingBus();
    await expect(
      bus.publish('note', [{ key: 'customer-1', envelope: testEnvelope('NoteTaken', {}) }]),
    ).rejects.toThrow('topic note is not declared on the in-process bus (declared: notes)');
  });
});

describe('a message on a pipeline topic', () => {
  const taxRequested = {
    messageId: '4d5e6f7a-8b9c-5d0e-9f1a-2b3c4d5e6f7a',
    type: 'TaxRequested',
    schemaVersion: 1,
    data: {
      runId: '3f2b8c1e-9a7d-5e4f-8b6a-1c2d3e4f5a6b',
      groupingKey: 'acct-0001|contact-0001|USD|net-30|builtin|le-us|pm-0001',
      invoiceId: '8d7c6b5a-4e3f-5a2b-9c1d-0e9f8a7b6c5d',
      taxEngineId: 'builtin',
      mode: 'Estimate',
      invoiceDate: '2026-03-01',
      currency: 'USD',
      billToAddress: { country: 'US', region: 'CA' },
      lines: [{ lineId: 'line-1', taxCode: 'SW-STD', chargeAmount: '109.68' }],
    },
    metadata: {
      correlationId: '3f2b8c1e-9a7d-5e4f-8b6a-1c2d3e4f5a6b',
      causationId: '2a3b4c5d-6e7f-5a8b-9c0d-1e2f3a4b5c6d',
      groupingKey: 'acct-0001|contact-0001|USD|net-30|builtin|le-us|pm-0001',
      runId: '3f2b8c1e-9a7d-5e4f-8b6a-1c2d3e4f5a6b',
      occurredAt: '2026-03-01T06:00:03.004Z',
      producer: 'invoice-generation',
    },
  };
  const withData = (data: object): EventEnvelope => ({
    ...taxRequested,
    data,
    metadata: { ...taxRequested.metadata, occurredAt: instant(taxRequested.metadata.occurredAt) },
  });

  it('is parsed with the contracts of its topic before the handler sees it', async () => {
    const { bus, received } = collectingBus([{ topic: Topics.TaxRequests, partitions: 3 }]);
    await bus.publish(Topics.TaxRequests, [
      { key: taxRequested.data.groupingKey, envelope: withData(taxRequested.data) },
      {
        key: taxRequested.data.groupingKey,
        envelope: withData({ ...taxRequested.data, currency: 'XYZ' }),
      },
    ]);
    await bus.idle();

    expect(received.map((message) => message.envelope.data)).toEqual([expect.any(TaxRequestedData)]);
    const deadLetters = bus.deadLetters(Topics.TaxRequests);
    expect(deadLetters.map((letter) => letter.kind)).toEqual(['invalid-message']);
    expect(deadLetters[0]?.reason).toMatch(/^InvalidMessageError: data\.currency/);
  });
});
