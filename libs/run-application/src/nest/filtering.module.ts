import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import { InvoiceBatchRunRequested, Topics, messageTypeRegistry } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { EventEnvelope } from '@invoice-engine/kernel';
import {
  APP_LOGGER,
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  type AppLogger,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import { FilterBillingSchedules } from '../filtering/filter-billing-schedules';
import { DEFAULT_FILTERING_SETTINGS, type FilteringSettings } from '../filtering/filtering-settings';
import { BILLING_SCHEDULE_SOURCE } from './billing-schedule-source.token';
import { parseConsumedMessage } from './consumed-message';

const runRequests = messageTypeRegistry([InvoiceBatchRunRequested]);

/** `invoice-batch.runs` → filtering. */
@Controller()
export class FilteringConsumer {
  constructor(@Inject(FilterBillingSchedules) private readonly filtering: FilterBillingSchedules) {}

  @EventPattern(Topics.InvoiceBatchRuns)
  async onRunRequested(@Payload() envelope: EventEnvelope): Promise<void> {
    await this.filtering.handle(parseConsumedMessage(runRequests, envelope));
  }
}

/**
 * The filtering service: consumes run requests and runs `FilterBillingSchedules`. Needs the runtime
 * tokens and `BILLING_SCHEDULE_SOURCE` from the composition.
 */
@Module({})
export class FilteringModule {
  static register(settings: Partial<FilteringSettings> = {}): DynamicModule {
    return {
      module: FilteringModule,
      controllers: [FilteringConsumer],
      providers: [
        {
          provide: FilterBillingSchedules,
          inject: [
            EVENT_STORE,
            BILLING_SCHEDULE_SOURCE,
            MESSAGE_PUBLISHER,
            CLOCK,
            { token: APP_LOGGER, optional: true },
          ],
          useFactory: (
            eventStore: EventStore,
            source: BillingScheduleSource,
            publisher: MessagePublisher,
            clock: Clock,
            logger: AppLogger | undefined,
          ) =>
            new FilterBillingSchedules(
              eventStore,
              source,
              publisher,
              clock,
              { ...DEFAULT_FILTERING_SETTINGS, ...settings },
              logger,
            ),
        },
      ],
      exports: [FilterBillingSchedules],
    };
  }
}
