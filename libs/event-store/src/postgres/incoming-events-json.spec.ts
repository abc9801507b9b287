import { describe, expect, it } from '@jest/globals';
import { anEvent } from '../contract/contract-fixtures';
import { incomingEventsJson } from './incoming-events-json';

describe('incomingEventsJson', () => {
  describe('when a batch spans two streams', () => {
    it('numbers the events across the batch, each with its stream and envelope', () => {
      const first = anEvent('InvoiceDrafted', { invoiceId: 'i-1', note: 'a "quoted" \\ line\nand ünïcode' });
      const second = anEvent('InvoiceLineAdded', { lines: [{ amount: '100' }], empty: {} });
      const third = anEvent('InvoicePosted', null);
      const json = incomingEventsJson([
        { stream: 'invoice-1', events: [first, second], expectedRevision: 'any' },
        { stream: 'invoice-"2"', events: [third], expectedRevision: 'no-stream' },
      ]);
      expect(JSON.parse(json)).toEqual([
        {
          ordinal: 1,
          stream_id: 'invoice-1',
          event_id: first.messageId,
          type: 'InvoiceDrafted',
          schema_version: 1,
          data: first.data,
          metadata: first.metadata,
        },
        {
          ordinal: 2,
          stream_id: 'invoice-1',
          event_id: second.messageId,
          type: 'InvoiceLineAdded',
          schema_version: 1,
          data: second.data,
          metadata: second.metadata,
        },
        {
          ordinal: 3,
          stream_id: 'invoice-"2"',
          event_id: third.messageId,
          type: 'InvoicePosted',
          schema_version: 1,
          data: null,
          metadata: third.metadata,
        },
      ]);
    });
  });

  describe('when event data holds bigint money', () => {
    it('tags every bigint, however deep, and leaves the event itself untouched', () => {
      const data = { total: 1099n, lines: [{ amount: 999n, label: 'x' }, { amount: 100n }] };
      const [row] = JSON.parse(
        incomingEventsJson([{ stream: 'invoice-1', events: [anEvent('T', data)], expectedRevision: 'any' }]),
      ) as { data: unknown }[];
      expect(row?.data).toEqual({
        total: { $bigint: '1099' },
        lines: [{ amount: { $bigint: '999' }, label: 'x' }, { amount: { $bigint: '100' } }],
      });
      expect(data.total).toBe(1099n);
    });
  });

  describe('when event data is undefined', () => {
    it('leaves the field out, as stringifying the row object would (the database then refuses it)', () => {
      const [row] = JSON.parse(
        incomingEventsJson([
          { stream: 'invoice-1', events: [{ ...anEvent('T'), data: undefined }], expectedRevision: 'any' },
        ]),
      ) as Record<string, unknown>[];
      expect(row && 'data' in row).toBe(false);
      expect(row?.['metadata']).toBeDefined();
    });
  });
});
