import { describe, expect, it, jest } from '@jest/globals';
import { InvalidMessageError } from '@invoice-engine/messaging';
import type { AppLogger } from '@invoice-engine/runtime';
import type { CompleteGroupInvoice } from '../generation/complete-group-invoice';
import type { GenerateGroupInvoice } from '../generation/generate-group-invoice';
import type { CalculateTax } from '../tax/calculate-tax';
import { GroupWorkConsumer } from './group-work.consumer';
import { TaxRequestsConsumer } from './tax-requests.consumer';
import { TaxResultsConsumer } from './tax-results.consumer';

// The distributed transport checks only the envelope of these topics (libs/distributed,
// TOPICS_PARSED_BY_THEIR_HANDLERS): the consumers themselves refuse invalid data, before any work, with
// the error the consumer runner dead-letters as `invalid-message`.

const runId = '9d1c8a0e-5a4f-4d8e-9a57-0b6b1f1f0a01';

function envelopeOf(type: string, data: unknown): unknown {
  return {
    messageId: `${type}-${JSON.stringify(data).length}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      correlationId: runId,
      causationId: runId,
      groupingKey: 'acct-1',
      runId,
      occurredAt: '2026-07-01T06:00:00.000Z',
      producer: 'probe',
    },
  };
}

const logger = {} as AppLogger;
const invalidData = { runId: 42, invoiceId: [] };

describe('the invoice generation and tax consumers', () => {
  it('refuse a work item with invalid data, alone or in a batch, before generating anything', async () => {
    const work = jest.fn();
    const consumer = new GroupWorkConsumer(
      { handle: work, handleMany: work } as unknown as GenerateGroupInvoice,
      logger,
    );
    const invalid = envelopeOf('GroupWorkItem', invalidData);
    await expect(consumer.onGroupWorkItems(invalid)).rejects.toThrow(InvalidMessageError);
    await expect(consumer.onGroupWorkItems([invalid, invalid])).rejects.toThrow(/runId/);
    expect(work).not.toHaveBeenCalled();
  });

  it('refuse a tax request with invalid data before calculating anything', async () => {
    const work = jest.fn();
    const consumer = new TaxRequestsConsumer({ handleMany: work } as unknown as CalculateTax, logger);
    await expect(consumer.onTaxRequested([envelopeOf('TaxRequested', invalidData)])).rejects.toThrow(
      InvalidMessageError,
    );
    expect(work).not.toHaveBeenCalled();
  });

  it('refuse a tax result with invalid data, and a type that is no tax result, before completing anything', async () => {
    const work = jest.fn();
    const consumer = new TaxResultsConsumer(
      { handle: work, handleMany: work } as unknown as CompleteGroupInvoice,
      logger,
    );
    await expect(consumer.onTaxResults(envelopeOf('TaxCalculated', invalidData))).rejects.toThrow(
      InvalidMessageError,
    );
    await expect(consumer.onTaxResults(envelopeOf('GroupWorkItem', invalidData))).rejects.toThrow(
      /unknown message type/,
    );
    expect(work).not.toHaveBeenCalled();
  });
});
