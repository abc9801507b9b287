import { messageTypeRegistry, TaxRequested, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CalculateTax } from '../tax/calculate-tax';
import { parsedMessage } from './parsed-message';

const taxRequestMessages = messageTypeRegistry([TaxRequested]);

/** `tax.requests` → the tax service. */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class TaxRequestsConsumer {
  constructor(
    @Inject(CalculateTax) private readonly calculateTax: CalculateTax,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.TaxRequests)
  async onTaxRequested(@Payload() envelope: unknown): Promise<void> {
    const message = parsedMessage(taxRequestMessages, envelope);
    const calculation = await this.calculateTax.handle(message);
    loggerForMessage(this.logger, { ...message.metadata, messageId: message.messageId }).info(
      { invoiceId: message.data.invoiceId, mode: message.data.mode, outcome: calculation.outcome },
      'tax request handled',
    );
  }
}
