import { describe, expect, it } from '@jest/globals';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { IsString, Length } from 'class-validator';
import { decodeEnvelope, encodeEnvelope } from './envelope-codec';
import { InvalidMessageError } from './message-errors';

class GroupWorkItemRequested {
  @IsString() @Length(1, 100) groupingKey!: string;
}

const envelope: EventEnvelope = {
  messageId: 'm-1',
  type: 'GroupWorkItemRequested',
  schemaVersion: 1,
  data: { groupingKey: 'customer-7' },
  metadata: {
    correlationId: 'run-1',
    causationId: 'm-0',
    groupingKey: 'customer-7',
    runId: 'run-1',
    occurredAt: instant('2026-11-26T08:35:16.000Z'),
    producer: 'filtering',
  },
};

const encoded = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('encoding an envelope', () => {
  it('keys the record and puts type, ids and correlation in headers', () => {
    const message = encodeEnvelope('customer-7', envelope);
    expect(message.key).toBe('customer-7');
    expect(JSON.parse(String(message.value))).toEqual(envelope);
    expect(message.headers).toEqual({
      type: 'GroupWorkItemRequested',
      'message-id': 'm-1',
      'schema-version': '1',
      'correlation-id': 'run-1',
      'causation-id': 'm-0',
      'content-type': 'application/json',
    });
  });

  it('refuses a bigint with an error naming the envelope', () => {
    expect(() => encodeEnvelope('k', { ...envelope, data: { minorUnits: 5n } })).toThrow(
      /m-1 \(GroupWorkItemRequested\)/,
    );
  });
});

describe('decoding a consumed value', () => {
  it('returns the envelope with data as a validated message class instance', () => {
    const decoded = decodeEnvelope(encoded(envelope), { GroupWorkItemRequested });
    expect(decoded.data).toBeInstanceOf(GroupWorkItemRequested);
    expect(decoded.metadata.runId).toBe('run-1');
  });

  it('takes null grouping key and run id, and any non-empty ids, as class-validator does', () => {
    const withoutKeys = { ...envelope, metadata: { ...envelope.metadata, groupingKey: null, runId: null } };
    expect(decodeEnvelope(encoded(withoutKeys)).metadata.groupingKey).toBeNull();
  });

  it('passes data through unvalidated when no message classes are given', () => {
    expect(decodeEnvelope(encoded(envelope)).data).toEqual({ groupingKey: 'customer-7' });
  });

  it.each([
    ['a value that is not JSON', Buffer.from('{not json'), /not JSON/],
    ['a tombstone', null, /tombstone/],
    ['a JSON array', encoded([1]), /not a JSON object/],
    ['an envelope without a message id', encoded({ ...envelope, messageId: '' }), /messageId/],
    [
      'an envelope with a bad instant',
      encoded({ ...envelope, metadata: { ...envelope.metadata, occurredAt: 'yesterday' } }),
      /metadata\.occurredAt/,
    ],
    [
      'an unknown message type',
      encoded({ ...envelope, type: 'Surprise' }),
      /unknown message type "Surprise"/,
    ],
    [
      'data failing its class',
      encoded({ ...envelope, data: { groupingKey: 7 } }),
      /data of GroupWorkItemRequested: groupingKey/,
    ],
    ['a version that is not a whole number', encoded({ ...envelope, schemaVersion: 1.5 }), /schemaVersion/],
    ['a version below 1', encoded({ ...envelope, schemaVersion: 0 }), /schemaVersion/],
    ['a version as a string', encoded({ ...envelope, schemaVersion: '1' }), /schemaVersion/],
    ['an empty type', encoded({ ...envelope, type: '' }), /type/],
    ['null data', encoded({ ...envelope, data: null }), /data/],
    ['no data', encoded({ ...envelope, data: undefined }), /data/],
    ['metadata as a list', encoded({ ...envelope, metadata: [envelope.metadata] }), /metadata/],
    ['no metadata', encoded({ ...envelope, metadata: undefined }), /metadata/],
    [
      'a grouping key left out (null is the way to say none)',
      encoded({ ...envelope, metadata: { ...envelope.metadata, groupingKey: undefined } }),
      /metadata\.groupingKey/,
    ],
    [
      'a run id that is a number',
      encoded({ ...envelope, metadata: { ...envelope.metadata, runId: 7 } }),
      /metadata\.runId/,
    ],
    [
      'a day that does not exist',
      encoded({ ...envelope, metadata: { ...envelope.metadata, occurredAt: '2026-02-30T08:00:00.000Z' } }),
      /metadata\.occurredAt/,
    ],
    [
      'an empty producer',
      encoded({ ...envelope, metadata: { ...envelope.metadata, producer: '' } }),
      /metadata\.producer/,
    ],
    [
      'an empty causation id',
      encoded({ ...envelope, metadata: { ...envelope.metadata, causationId: '' } }),
      /metadata\.causationId/,
    ],
  ])('rejects %s as an invalid message with the reason', (_case, value, reason) => {
    const decode = () => decodeEnvelope(value, { GroupWorkItemRequested });
    expect(decode).toThrow(InvalidMessageError);
    expect(decode).toThrow(reason);
  });
});
