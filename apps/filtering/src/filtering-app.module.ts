import { Module, type DynamicModule } from '@nestjs/common';
import { PostgresBillingScheduleSource } from '@invoice-engine/billing-read-models';
import { BILLING_SCHEDULE_SOURCE, FilteringModule } from '@invoice-engine/run-application';
import { READ_MODEL_DATA_SOURCE } from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import type { FilteringConfiguration } from './filtering.config';

/** The filtering service bound to the billing_schedules read model as its schedule source. */
@Module({})
export class FilteringAppModule {
  static forConfiguration(configuration: FilteringConfiguration): DynamicModule {
    return {
      module: FilteringAppModule,
      global: true,
      imports: [
        FilteringModule.register({
          linesPerInvoice: configuration.MAX_LINES_PER_INVOICE,
          progressEverySchedules: configuration.FILTERING_PROGRESS_EVERY,
          scanBatchSize: configuration.FILTERING_SCAN_BATCH_SIZE,
          catchUpTimeoutMs: configuration.FILTERING_CATCH_UP_TIMEOUT_MS,
        }),
      ],
      providers: [
        {
          provide: BILLING_SCHEDULE_SOURCE,
          inject: [READ_MODEL_DATA_SOURCE],
          useFactory: (dataSource: DataSource) => new PostgresBillingScheduleSource(dataSource),
        },
      ],
      exports: [BILLING_SCHEDULE_SOURCE],
    };
  }
}
