import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { GroupFailed, GroupInvoiced, Topics, messageTypeRegistry } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { EventEnvelope } from '@invoice-engine/kernel';
import {
  APP_LOGGER,
  CLOCK,
  EVENT_STORE,
  READ_MODEL_DATA_SOURCE,
  type AppLogger,
  type Clock,
} from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import { FilteringCompleted } from '../filtering/filtering-completed-notice';
import { PostgresGroupOutcomeStore } from '../summarization/postgres-group-outcome-store';
import {
  DEFAULT_SUMMARIZATION_SETTINGS,
  type SummarizationSettings,
} from '../summarization/summarization-settings';
import { SummarizeInvoiceBatchRun } from '../summarization/summarize-invoice-batch-run';
import { parseConsumedMessage } from './consumed-message';

const groupResults = messageTypeRegistry([GroupInvoiced, GroupFailed, FilteringCompleted]);

/** `invoice-batch.group-results` → summarization. */
@Controller()
export class SummarizationConsumer {
  constructor(@Inject(SummarizeInvoiceBatchRun) private readonly summarization: SummarizeInvoiceBatchRun) {}

  @EventPattern(Topics.GroupResults)
  async onGroupResult(@Payload() envelope: EventEnvelope): Promise<void> {
    await this.summarization.handle(parseConsumedMessage(groupResults, envelope));
  }
}

/**
 * The summarization service: consumes group results and the filtering notice. Its outcome table lives
 * in the read-model database (`READ_MODEL_DATA_SOURCE`) and is created at start.
 */
@Module({})
export class SummarizationModule {
  static register(settings: Partial<SummarizationSettings> = {}): DynamicModule {
    return {
      module: SummarizationModule,
      controllers: [SummarizationConsumer],
      providers: [
        {
          provide: PostgresGroupOutcomeStore,
          inject: [READ_MODEL_DATA_SOURCE],
          useFactory: async (dataSource: DataSource) => {
            const store = new PostgresGroupOutcomeStore(dataSource);
            await store.migrate();
            return store;
          },
        },
        {
          provide: SummarizeInvoiceBatchRun,
          inject: [EVENT_STORE, PostgresGroupOutcomeStore, CLOCK, { token: APP_LOGGER, optional: true }],
          useFactory: (
            eventStore: EventStore,
            outcomes: PostgresGroupOutcomeStore,
            clock: Clock,
            logger: AppLogger | undefined,
          ) =>
            new SummarizeInvoiceBatchRun(
              eventStore,
              outcomes,
              clock,
              { ...DEFAULT_SUMMARIZATION_SETTINGS, ...settings },
              logger,
            ),
        },
      ],
      exports: [SummarizeInvoiceBatchRun],
    };
  }
}
