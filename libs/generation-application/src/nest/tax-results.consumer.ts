import { messageTypeRegistry, TaxCalculated, TaxCalculationFailed, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CompleteGroupInvoice,
  type GroupInvoiceCompletion,
  type TaxResultMessage,
} from '../generation/complete-group-invoice';
import { parsedMessage } from './parsed-message';

const taxResultMessages = messageTypeRegistry([TaxCalculated, TaxCalculationFailed]);

/**
 * `tax.results` → step 2 of invoice generation. Over Kafka the topic is consumed in partition
 * batches (`{ batch: true }`): two reads, one append and one publish per batch. If a batch fails (an
 * invalid message, a conflict, an invoice never recorded), the runner hands its messages over one at a
 * time, with their retries and dead letters. The in-process bus delivers batches the same way; a single
 * envelope (a transport without batches) is taken too.
 */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class TaxResultsConsumer {
  constructor(
    @Inject(CompleteGroupInvoice) private readonly completeGroupInvoice: CompleteGroupInvoice,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.TaxResults, { batch: true })
  async onTaxResults(@Payload() payload: unknown): Promise<void> {
    const envelopes: readonly unknown[] = Array.isArray(payload) ? payload : [payload];
    if (envelopes.length === 1) {
      // One at a time (also how the runner hands over a failed batch): with retries on a conflict.
      const message = parsedMessage(taxResultMessages, envelopes[0]);
      this.logHandled(message, await this.completeGroupInvoice.handle(message));
      return;
    }
    const messages = envelopes.map((envelope) => parsedMessage(taxResultMessages, envelope));
    const completions = await this.completeGroupInvoice.handleMany(messages);
    messages.forEach((message, index) => {
      const completion = completions[index];
      if (completion !== undefined) this.logHandled(message, completion);
    });
  }

  private logHandled(message: TaxResultMessage, completion: GroupInvoiceCompletion): void {
    loggerForMessage(this.logger, { ...message.metadata, messageId: message.messageId }).info(
      { type: message.type, invoiceId: completion.invoiceId, outcome: completion.outcome },
      'tax result handled',
    );
  }
}
