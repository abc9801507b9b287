import {
  InvoiceBatchRunRequested,
  createMessage,
  type InvoiceBatchRunRequestedData,
} from '@invoice-engine/contracts';
import type { RecordedEvent } from '@invoice-engine/event-store';
import type { InvoiceBatchRunRequest } from '@invoice-engine/invoice-batch-runs';
import { deterministicId, type EventEnvelope, type Instant } from '@invoice-engine/kernel';

/** The contract's data is the request itself: every field is a string, number or null already. */
function requestData(request: InvoiceBatchRunRequest): InvoiceBatchRunRequestedData {
  return {
    runId: request.runId,
    criteria: {
      currencies: request.criteria.currencies === null ? null : [...request.criteria.currencies],
      billingBatches: request.criteria.billingBatches === null ? null : [...request.criteria.billingBatches],
      legalEntityIds: request.criteria.legalEntityIds === null ? null : [...request.criteria.legalEntityIds],
      billingAccountIds:
        request.criteria.billingAccountIds === null ? null : [...request.criteria.billingAccountIds],
      chargeTypes: request.criteria.chargeTypes === null ? null : [...request.criteria.chargeTypes],
    },
    targetDate: request.targetDate,
    invoiceDate: request.invoiceDate,
    invoiceStatus: request.invoiceStatus,
    billingPeriodCount: request.billingPeriodCount,
    defaultCurrency: request.defaultCurrency,
    requestedAt: request.requestedAt,
    trigger: request.trigger,
  };
}

/**
 * The message announcing a recorded run request. Its id comes from the recorded event, so asking for
 * the same run again publishes the very same message and filtering sees a redelivery.
 */
export function invoiceBatchRunRequestedMessage(
  recorded: RecordedEvent,
  request: InvoiceBatchRunRequest,
  occurredAt: Instant,
  producer: string,
): EventEnvelope {
  return createMessage(
    InvoiceBatchRunRequested,
    deterministicId(recorded.messageId, InvoiceBatchRunRequested.topic),
    requestData(request),
    {
      correlationId: request.runId,
      causationId: recorded.messageId,
      groupingKey: null,
      runId: request.runId,
      occurredAt,
      producer,
    },
  );
}
