import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { EventStore } from '@invoice-engine/event-store';
import {
  APP_LOGGER,
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  type AppLogger,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import type { DataSource } from 'typeorm';
import { RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';
import { FireDueSchedulers } from '../scheduling/fire-due-schedulers';
import { HandleInvoiceBatchSchedulerCommand } from '../scheduling/handle-scheduler-command';
import { RequestBillNow } from '../scheduling/request-bill-now';
import { RunSchedulerNow } from '../scheduling/run-scheduler-now';
import { SchedulerFireTimeIndex } from '../scheduling/scheduler-fire-time-index';
import { SchedulerFireTimeProjector } from '../scheduling/scheduler-fire-time-projector';
import { API_TOKENS, ApiAuthGuard } from './http/api-auth.guard';
import { DomainErrorFilter } from './http/domain-error.filter';
import { InvoiceBatchRunsController } from './http/invoice-batch-runs.controller';
import { NEW_ID } from './http/new-id.token';
import { SchedulersController } from './http/schedulers.controller';
import { requestValidationPipe } from './http/validation-problems';
import { SchedulerTimerService } from './scheduler-timer.service';
import { SCHEDULING_OPTIONS, type SchedulingOptions } from './scheduling-options';

const OPTIONAL_LOGGER = { token: APP_LOGGER, optional: true } as const;

/**
 * The scheduling service: the HTTP API (schedulers, ad-hoc runs, Bill Now, run state) and the timer.
 * Ports come from the runtime tokens; the fire time index lives in the read-model database.
 */
@Module({})
export class SchedulingModule {
  static register(options: SchedulingOptions): DynamicModule {
    return {
      module: SchedulingModule,
      controllers: [SchedulersController, InvoiceBatchRunsController],
      providers: [
        { provide: SCHEDULING_OPTIONS, useValue: options },
        { provide: API_TOKENS, useValue: options.apiTokens },
        { provide: NEW_ID, useValue: () => randomUUID() },
        { provide: APP_PIPE, useFactory: requestValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        ApiAuthGuard,
        {
          provide: RequestInvoiceBatchRun,
          inject: [EVENT_STORE, MESSAGE_PUBLISHER, CLOCK, NEW_ID],
          useFactory: (
            eventStore: EventStore,
            publisher: MessagePublisher,
            clock: Clock,
            newId: () => string,
          ) => new RequestInvoiceBatchRun(eventStore, publisher, clock, options.org, newId, options.producer),
        },
        {
          provide: HandleInvoiceBatchSchedulerCommand,
          inject: [EVENT_STORE, CLOCK],
          useFactory: (eventStore: EventStore, clock: Clock) =>
            new HandleInvoiceBatchSchedulerCommand(eventStore, clock, options.producer),
        },
        {
          provide: RunSchedulerNow,
          inject: [EVENT_STORE, RequestInvoiceBatchRun, CLOCK],
          useFactory: (eventStore: EventStore, requestRun: RequestInvoiceBatchRun, clock: Clock) =>
            new RunSchedulerNow(eventStore, requestRun, clock, options.org),
        },
        {
          provide: RequestBillNow,
          inject: [RequestInvoiceBatchRun, CLOCK],
          useFactory: (requestRun: RequestInvoiceBatchRun, clock: Clock) =>
            new RequestBillNow(requestRun, clock, options.org),
        },
        {
          provide: SchedulerFireTimeIndex,
          inject: [READ_MODEL_DATA_SOURCE],
          useFactory: async (dataSource: DataSource) => {
            const index = new SchedulerFireTimeIndex(dataSource);
            await index.migrate();
            return index;
          },
        },
        {
          provide: SchedulerFireTimeProjector,
          inject: [EVENT_STORE, SchedulerFireTimeIndex, OPTIONAL_LOGGER],
          useFactory: (
            eventStore: EventStore,
            index: SchedulerFireTimeIndex,
            logger: AppLogger | undefined,
          ) => new SchedulerFireTimeProjector(eventStore, index, logger),
        },
        {
          provide: FireDueSchedulers,
          inject: [EVENT_STORE, SchedulerFireTimeIndex, RequestInvoiceBatchRun, CLOCK, OPTIONAL_LOGGER],
          useFactory: (
            eventStore: EventStore,
            index: SchedulerFireTimeIndex,
            requestRun: RequestInvoiceBatchRun,
            clock: Clock,
            logger: AppLogger | undefined,
          ) => new FireDueSchedulers(eventStore, index, requestRun, clock, logger, options.producer),
        },
        SchedulerTimerService,
      ],
      exports: [RequestInvoiceBatchRun, FireDueSchedulers],
    };
  }
}
