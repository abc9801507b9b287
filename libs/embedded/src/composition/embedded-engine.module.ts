import {
  billingReadModelParts,
  PostgresBillingScheduleSource,
  ProjectorModule,
} from '@invoice-engine/billing-read-models';
import { InvoiceGenerationModule, TaxModule } from '@invoice-engine/generation-application';
import type { PaymentTerm } from '@invoice-engine/invoicing';
import {
  BILLING_SCHEDULE_SOURCE,
  FilteringModule,
  RequestInvoiceBatchRun,
  SummarizationModule,
  type OrgSettings,
} from '@invoice-engine/run-application';
import {
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  type AppLogger,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import type { EventStore } from '@invoice-engine/event-store';
import type { TaxEngine } from '@invoice-engine/tax';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EmbeddedInfrastructureModule } from '../infrastructure/embedded-infrastructure.module';

/** Everything the one-process engine is configured with; nothing here is read from the environment. */
export interface EmbeddedEngineOptions {
  /** Where the databases persist, or null for memory only (the default of `npm start` and scenarios). */
  readonly dataDirectory: string | null;
  readonly clock: Clock;
  /** The built-in rate table with the scenario's or the demo's rates. */
  readonly taxEngine: TaxEngine;
  readonly paymentTerms: readonly PaymentTerm[];
  readonly org: OrgSettings;
  /** Lines per invoice; filtering chunks by it and generation checks it, so both get the same number. */
  readonly linesPerInvoice: number;
  readonly logger: AppLogger;
  /** Filtering appends a progress checkpoint every this many schedules. */
  readonly filteringProgressEvery: number;
  /** Summarization appends a generation checkpoint every this many group outcomes. */
  readonly generationCheckpointEvery: number;
}

/** The producer name of run requests made by the embedded mode (the scheduling service's job elsewhere). */
export const EMBEDDED_REQUEST_PRODUCER = 'scheduling';

/** The run request handler the scheduling service's API uses, bound to the runtime ports. */
export function embeddedRunRequestProvider(org: OrgSettings): Provider {
  return {
    provide: RequestInvoiceBatchRun,
    inject: [EVENT_STORE, MESSAGE_PUBLISHER, CLOCK],
    useFactory: (eventStore: EventStore, publisher: MessagePublisher, clock: Clock) =>
      new RequestInvoiceBatchRun(
        eventStore,
        publisher,
        clock,
        org,
        () => randomUUID(),
        EMBEDDED_REQUEST_PRODUCER,
      ),
  };
}

/**
 * Binds the two ports that the distributed apps bind in their own app modules: the filtering
 * service's schedule source (the `billing_schedules` read model, here on PGlite) and the run request
 * handler of the scheduling service (its HTTP API and timer are left out: there is no HTTP here).
 */
@Module({})
class EmbeddedEngineBindingsModule {
  static forRoot(options: EmbeddedEngineOptions): DynamicModule {
    return {
      module: EmbeddedEngineBindingsModule,
      global: true,
      providers: [
        {
          provide: BILLING_SCHEDULE_SOURCE,
          inject: [READ_MODEL_DATA_SOURCE],
          // A short poll: the projector is in this process, so the wait is milliseconds, not seconds.
          useFactory: (dataSource: DataSource) =>
            new PostgresBillingScheduleSource(dataSource, { pollIntervalMs: 20 }),
        },
        embeddedRunRequestProvider(options.org),
      ],
      exports: [BILLING_SCHEDULE_SOURCE, RequestInvoiceBatchRun],
    };
  }
}

/**
 * The whole engine in one Nest application: the embedded infrastructure (PGlite event store and read
 * models, in-process bus, clock, tax engine) and the very service modules the distributed apps run —
 * filtering, invoice generation, tax, summarization and the projector.
 */
@Module({})
export class EmbeddedEngineModule {
  static forRoot(options: EmbeddedEngineOptions): DynamicModule {
    return {
      module: EmbeddedEngineModule,
      imports: [
        EmbeddedInfrastructureModule.forRoot({
          dataDirectory: options.dataDirectory,
          clock: options.clock,
          taxEngine: options.taxEngine,
          logger: options.logger,
          readModelParts: billingReadModelParts,
        }),
        EmbeddedEngineBindingsModule.forRoot(options),
        FilteringModule.register({
          linesPerInvoice: options.linesPerInvoice,
          progressEverySchedules: options.filteringProgressEvery,
        }),
        InvoiceGenerationModule.forRoot({
          paymentTerms: options.paymentTerms,
          settings: { maxLinesPerInvoice: options.linesPerInvoice },
        }),
        TaxModule,
        SummarizationModule.register({ checkpointEveryGroups: options.generationCheckpointEvery }),
        ProjectorModule.forRoot({ restartDelayMs: 500 }),
      ],
    };
  }
}
