import { GroupWorkItem, messageTypeRegistry, Topics } from '@invoice-engine/contracts';
import { KafkaErrorPassthroughFilter } from '@invoice-engine/messaging';
import { APP_LOGGER, loggerForMessage, type AppLogger } from '@invoice-engine/runtime';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { GenerateGroupInvoice } from '../generation/generate-group-invoice';
import { parsedMessage } from './parsed-message';

const groupWorkMessages = messageTypeRegistry([GroupWorkItem]);

/** `invoice-batch.group-work` → step 1 of invoice generation. */
@Controller()
@UseFilters(KafkaErrorPassthroughFilter)
export class GroupWorkConsumer {
  constructor(
    @Inject(GenerateGroupInvoice) private readonly generateGroupInvoice: GenerateGroupInvoice,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @EventPattern(Topics.GroupWork)
  async onGroupWorkItem(@Payload() envelope: unknown): Promise<void> {
    const message = parsedMessage(groupWorkMessages, envelope);
    const generation = await this.generateGroupInvoice.handle(message);
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
