import {
  TaxCalculated,
  TaxCalculationFailed,
  type TaxCalculatedData,
  type TaxCalculationFailedData,
  type TaxRequestedData,
} from '@invoice-engine/contracts';
import { deterministicId, type EventEnvelope, type EventMetadata } from '@invoice-engine/kernel';
import { TransientError } from '@invoice-engine/messaging';
import type { Clock, MessagePublisher } from '@invoice-engine/runtime';
import type { TaxEngine, TaxResult } from '@invoice-engine/tax';
import { outgoing, publishAll, type OutgoingMessage } from '../outbound/outgoing-message';
import { taxedLineData, taxRequestOfMessage } from './tax-message-mapping';

export type TaxRequestedMessage = EventEnvelope<'TaxRequested', TaxRequestedData>;

/** The `producer` of the tax service's messages. */
export const TAX_PRODUCER = 'tax';

/** What handling a tax request did, for logs and tests. */
export interface TaxCalculation {
  readonly outcome: 'TaxCalculated' | 'TaxCalculationFailed';
  readonly published: OutgoingMessage;
}

/** One result per request: its id follows from the request's id, so a redelivery repeats it. */
export function taxResultMessageId(
  requestMessageId: string,
  type: 'TaxCalculated' | 'TaxCalculationFailed',
): string {
  return deterministicId(requestMessageId, type);
}

/**
 * The tax service (docs/pipeline.md step 4): asks the configured engine for estimated tax (Draft) or
 * actual, committed tax (posting) and answers on `tax.results`. An engine failure that may pass
 * (timeout, engine unavailable) is thrown as a `TransientError`, so the consumer tries the request
 * again later without committing it; a final one (no rate, rejected) is answered as a failure.
 */
export class CalculateTax {
  constructor(
    private readonly engine: TaxEngine,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
  ) {}

  async handle(message: TaxRequestedMessage): Promise<TaxCalculation> {
    const calculation = await this.calculate(message);
    await publishAll(this.publisher, [calculation.published]);
    return calculation;
  }

  /**
   * Several requests (a partition batch), one after the other, answered with one publish. A request
   * the engine could not answer for now fails the whole batch (nothing is published): the caller then
   * handles the requests one by one with `handle`.
   */
  async handleMany(messages: readonly TaxRequestedMessage[]): Promise<readonly TaxCalculation[]> {
    const calculations: TaxCalculation[] = [];
    for (const message of messages) calculations.push(await this.calculate(message));
    await publishAll(
      this.publisher,
      calculations.map((calculation) => calculation.published),
    );
    return calculations;
  }

  private async calculate(message: TaxRequestedMessage): Promise<TaxCalculation> {
    const request = message.data;
    const taxRequest = taxRequestOfMessage(request);
    const result: TaxResult =
      request.mode === 'Estimate'
        ? await this.engine.estimate(taxRequest)
        : await this.engine.calculateAndCommit(taxRequest);
    if (result.outcome === 'Failed' && result.failure.retryable) {
      throw new TransientError(
        `Tax engine ${request.taxEngineId}: ${result.failure.code} ${result.failure.message}`,
      );
    }
    const metadata: EventMetadata = {
      correlationId: request.runId,
      causationId: message.messageId,
      groupingKey: request.groupingKey,
      runId: request.runId,
      occurredAt: this.clock.now(),
      producer: TAX_PRODUCER,
    };
    const { runId, groupingKey, invoiceId, mode, currency } = request;
    const published =
      result.outcome === 'Taxed'
        ? outgoing(
            TaxCalculated,
            taxResultMessageId(message.messageId, 'TaxCalculated'),
            {
              runId,
              groupingKey,
              invoiceId,
              mode,
              currency,
              lines: taxedLineData(result.lines),
            } satisfies TaxCalculatedData,
            metadata,
          )
        : outgoing(
            TaxCalculationFailed,
            taxResultMessageId(message.messageId, 'TaxCalculationFailed'),
            { runId, groupingKey, invoiceId, mode, ...result.failure } satisfies TaxCalculationFailedData,
            metadata,
          );
    return { outcome: published.envelope.type as TaxCalculation['outcome'], published };
  }
}
