import { messageTypeRegistry, TaxCalculated, TaxCalculationFailed, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CompleteGroupInvoice } from '../generation/complete-group-invoice';
import { parsedMessage } from './parsed-message';

const taxResultMessages = messageTypeRegistry([TaxCalculated, TaxCalculationFailed]);

/** `tax.results` → step 2 of invoice generation. */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class TaxResultsConsumer {
  constructor(
    @Inject(CompleteGroupInvoice) private readonly completeGroupInvoice: CompleteGroupInvoice,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.TaxResults)
  async onTaxResult(@Payload() envelope: unknown): Promise<void> {
    const message = parsedMessage(taxResultMessages, envelope);
    const completion = await this.completeGroupInvoice.handle(message);
    loggerForMessage(this.logger, { ...message.metadata, messageId: message.messageId }).info(
      { type: message.type, invoiceId: completion.invoiceId, outcome: completion.outcome },
      'tax result handled',
    );
  }
}
