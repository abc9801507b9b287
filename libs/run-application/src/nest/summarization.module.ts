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

/**
 * `invoice-batch.group-results` → summarization. Over Kafka the topic is consumed in partition
 * batches (`{ batch: true }`): one store, fold and append per run and batch, on the in-process bus too;
 * a single envelope (a transport without batches) is taken as well. An invalid
 * message fails its batch, which the runner then handles message by message (dead-lettering it).
 */
@Controller()
export class SummarizationConsumer {
  constructor(@Inject(SummarizeInvoiceBatchRun) private readonly summarization: SummarizeInvoiceBatchRun) {}

  @EventPattern(Topics.GroupResults, { batch: true })
  async onGroupResult(@Payload() payload: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    if (isEnvelopeList(payload)) {
      await this.summarization.handleBatch(
        payload.map((envelope) => parseConsumedMessage(groupResults, envelope)),
      );
    } else {
      await this.summarization.handle(parseConsumedMessage(groupResults, payload));
    }
  }
}

function isEnvelopeList(
  payload: EventEnvelope | readonly EventEnvelope[],
): payload is readonly EventEnvelope[] {
  return Array.isArray(payload);
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
