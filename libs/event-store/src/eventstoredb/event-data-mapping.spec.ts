import { describe, expect, it } from '@jest/globals';
import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { InvalidAppendError } from '../event-store.port';
import { isSystemEvent, toEventData, toRecordedEvent, type StoredEvent } from './event-data-mapping';

const envelope: EventEnvelope = {
  messageId: '6f1c1a3e-5d7b-5c1e-9f0a-2b3c4d5e6f70',
  type: 'InvoicePosted',
  schemaVersion: 2,
  data: { invoiceId: 'inv-1', totalMinorUnits: '10968' },
  metadata: {
    correlationId: 'run-7',
    causationId: 'message-3',
    groupingKey: 'account-42',
    runId: 'run-7',
    occurredAt: instant('2026-01-31T10:15:00.000Z'),
    producer: 'invoice-generation',
  },
};

/** What the client hands back for the event above once stored at revision 4, commit position 1234. */
function storedFrom(written: ReturnType<typeof toEventData>): StoredEvent {
  return {
    streamId: 'invoice-inv-1',
    id: written.id,
    type: written.type,
    revision: 4n,
    isJson: true,
    data: written.data,
    metadata: written.metadata,
    position: { commit: 1234n, prepare: 1234n },
  };
}

describe('an envelope written to EventStoreDB', () => {
  it('becomes a JSON event whose id is the message id and whose metadata carries the envelope', () => {
    const written = toEventData(envelope);

    expect(written).toEqual({
      id: envelope.messageId,
      contentType: 'application/json',
      type: 'InvoicePosted',
      data: { invoiceId: 'inv-1', totalMinorUnits: '10968' },
      metadata: {
        schemaVersion: 2,
        correlationId: 'run-7',
        causationId: 'message-3',
        groupingKey: 'account-42',
        runId: 'run-7',
        occurredAt: '2026-01-31T10:15:00.000Z',
        producer: 'invoice-generation',
        $correlationId: 'run-7',
        $causationId: 'message-3',
      },
    });
  });

  it('reads back as the same envelope with its stream, revision and commit position', () => {
    const recorded = toRecordedEvent(storedFrom(toEventData(envelope)));

    expect(recorded).toEqual({ ...envelope, streamId: 'invoice-inv-1', revision: 4n, position: 1234n });
  });

  it('keeps null grouping key and run id as null', () => {
    const withoutGroup = { ...envelope, metadata: { ...envelope.metadata, groupingKey: null, runId: null } };

    const recorded = toRecordedEvent(storedFrom(toEventData(withoutGroup)));

    expect(recorded.metadata).toEqual(withoutGroup.metadata);
  });
});

describe('an envelope EventStoreDB cannot take', () => {
  it('is refused when its message id is not a UUID', () => {
    expect(() => toEventData({ ...envelope, messageId: 'message-1' })).toThrow(InvalidAppendError);
  });

  it('is refused when its data is a bare number', () => {
    expect(() => toEventData({ ...envelope, data: 42 })).toThrow(InvalidAppendError);
  });
});

describe('an event read from EventStoreDB', () => {
  it('is refused when it has no envelope metadata, so foreign events fail loudly', () => {
    const foreign = { ...storedFrom(toEventData(envelope)), metadata: { $correlationId: 'x' } };

    expect(() => toRecordedEvent(foreign)).toThrow(/lacks the envelope metadata/);
  });

  it('is refused when the server gave no $all position', () => {
    const { position: _position, ...withoutPosition } = storedFrom(toEventData(envelope));

    expect(() => toRecordedEvent(withoutPosition)).toThrow(/no \$all position/);
  });

  it('is a system event when its stream or type starts with $', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-invoice', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'invoice-1', type: 'InvoicePosted' })).toBe(false);
  });
});
