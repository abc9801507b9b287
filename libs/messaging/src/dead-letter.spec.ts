import { describe, expect, it } from '@jest/globals';
import { buildDeadLetterMessage, deadLetterTopicOf, type DeadLetterSource } from './dead-letter';

const source: DeadLetterSource = {
  topic: 'invoice-batch.group-work',
  partition: 3,
  offset: '42',
  timestamp: '1764146116000',
  key: Buffer.from('customer-7'),
  value: Buffer.from('{not json'),
  headers: { type: 'GroupWorkItemRequested', 'message-id': 'm-1' },
};

const circumstances = {
  kind: 'invalid-message' as const,
  reason: 'the value is not JSON',
  consumerGroup: 'invoice-generation',
  attempts: 1,
  failedAt: '2026-11-26T08:35:16.000Z',
};

describe('a dead letter', () => {
  it('goes to <topic>.dlq with the original key and value', () => {
    const { topic, message } = buildDeadLetterMessage(source, circumstances);
    expect(topic).toBe('invoice-batch.group-work.dlq');
    expect(message.key).toEqual(Buffer.from('customer-7'));
    expect(message.value).toEqual(Buffer.from('{not json'));
  });

  it('says why and where it came from in headers, keeping the original headers', () => {
    const { message } = buildDeadLetterMessage(source, circumstances);
    expect(message.headers).toEqual({
      type: 'GroupWorkItemRequested',
      'message-id': 'm-1',
      'dlq-reason': 'the value is not JSON',
      'dlq-kind': 'invalid-message',
      'dlq-original-topic': 'invoice-batch.group-work',
      'dlq-original-partition': '3',
      'dlq-original-offset': '42',
      'dlq-original-key': Buffer.from('customer-7'),
      'dlq-original-timestamp': '1764146116000',
      'dlq-consumer-group': 'invoice-generation',
      'dlq-attempts': '1',
      'dlq-failed-at': '2026-11-26T08:35:16.000Z',
    });
  });

  it('has no original-key header when the message had no key', () => {
    const { message } = buildDeadLetterMessage({ ...source, key: null }, circumstances);
    expect(message.key).toBeNull();
    expect(message.headers).not.toHaveProperty('dlq-original-key');
  });

  it('replaces the dlq headers of a replayed dead letter instead of mixing two failures', () => {
    const replayed = { ...source, headers: { ...source.headers, 'dlq-reason': 'old', 'dlq-attempts': '9' } };
    const { message } = buildDeadLetterMessage(replayed, { ...circumstances, reason: 'new', attempts: 2 });
    expect(message.headers?.['dlq-reason']).toBe('new');
    expect(message.headers?.['dlq-attempts']).toBe('2');
  });

  it('cuts a very long reason', () => {
    const { message } = buildDeadLetterMessage(source, { ...circumstances, reason: 'x'.repeat(5000) });
    expect(String(message.headers?.['dlq-reason'])).toHaveLength(2001);
  });

  it('names the dead-letter topic after its topic', () => {
    expect(deadLetterTopicOf('tax.requests')).toBe('tax.requests.dlq');
  });
});
