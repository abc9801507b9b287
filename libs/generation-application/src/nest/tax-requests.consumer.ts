import { messageTypeRegistry, TaxRequested, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CalculateTax, type TaxCalculation, type TaxRequestedMessage } from '../tax/calculate-tax';
import { parsedMessage } from './parsed-message';

const taxRequestMessages = messageTypeRegistry([TaxRequested]);

/**
 * `tax.requests` → the tax service. Over Kafka the topic is consumed in partition batches
 * (`{ batch: true }`): one publish per batch. If a batch fails (an invalid message, an engine that
 * cannot answer for now), the runner hands its messages over one at a time, with their retries and
 * dead letters. The in-process bus delivers batches the same way; a single envelope (a transport
 * without batches) is taken too.
 */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class TaxRequestsConsumer {
  constructor(
    @Inject(CalculateTax) private readonly calculateTax: CalculateTax,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.TaxRequests, { batch: true })
  async onTaxRequested(@Payload() payload: unknown): Promise<void> {
    const envelopes: readonly unknown[] = Array.isArray(payload) ? payload : [payload];
    const messages = envelopes.map((envelope) => parsedMessage(taxRequestMessages, envelope));
    const calculations = await this.calculateTax.handleMany(messages);
    messages.forEach((message, index) => {
      const calculation = calculations[index];
      if (calculation !== undefined) this.logHandled(message, calculation);
    });
  }

  private logHandled(message: TaxRequestedMessage, calculation: TaxCalculation): void {
    loggerForMessage(this.logger, { ...message.metadata, messageId: message.messageId }).info(
      { invoiceId: message.data.invoiceId, mode: message.data.mode, outcome: calculation.outcome },
      'tax request handled',
    );
  }
}
