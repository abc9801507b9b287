import { GroupWorkItem, messageTypeRegistry, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  GenerateGroupInvoice,
  type GroupInvoiceGeneration,
  type GroupWorkItemMessage,
} from '../generation/generate-group-invoice';
import { parsedMessage } from './parsed-message';

const groupWorkMessages = messageTypeRegistry([GroupWorkItem]);

/**
 * `invoice-batch.group-work` → step 1 of invoice generation. Over Kafka the topic is consumed in
 * partition batches (`{ batch: true }`): one read, one append and one publish per batch. If a batch
 * fails (an invalid message, a conflict, a run never requested), the runner hands its messages over
 * one at a time, with their retries and dead letters. The in-process bus delivers batches the same
 * way; a single envelope (a transport without batches) is taken too.
 */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class GroupWorkConsumer {
  constructor(
    @Inject(GenerateGroupInvoice) private readonly generateGroupInvoice: GenerateGroupInvoice,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.GroupWork, { batch: true })
  async onGroupWorkItems(@Payload() payload: unknown): Promise<void> {
    const envelopes: readonly unknown[] = Array.isArray(payload) ? payload : [payload];
    if (envelopes.length === 1) {
      // One at a time (also how the runner hands over a failed batch): with retries on a conflict.
      const message = parsedMessage(groupWorkMessages, envelopes[0]);
      this.logHandled(message, await this.generateGroupInvoice.handle(message));
      return;
    }
    const messages = envelopes.map((envelope) => parsedMessage(groupWorkMessages, envelope));
    const generations = await this.generateGroupInvoice.handleMany(messages);
    messages.forEach((message, index) => {
      const generation = generations[index];
      if (generation !== undefined) this.logHandled(message, generation);
    });
  }

  private logHandled(message: GroupWorkItemMessage, generation: GroupInvoiceGeneration): void {
    loggerForMessage(this.logger, { ...message.metadata, messageId: message.messageId }).info(
      {
        groupingKey: message.data.groupingKey,
        chunkIndex: message.data.chunkIndex,
        invoiceId: generation.invoiceId,
        outcome: generation.outcome,
        leftOut: generation.leftOut,
      },
      'group work item handled',
    );
  }
}
