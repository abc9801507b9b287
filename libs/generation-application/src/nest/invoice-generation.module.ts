import { Topics } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { PaymentTerm } from '@invoice-engine/invoicing';
import {
  CLOCK,
  EVENT_STORE,
  MESSAGE_PUBLISHER,
  READ_MODEL_DATA_SOURCE,
  type Clock,
  type MessagePublisher,
} from '@invoice-engine/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { CompleteGroupInvoice } from '../generation/complete-group-invoice';
import { GenerateGroupInvoice } from '../generation/generate-group-invoice';
import { RecentBillingSchedules } from '../loading/recent-billing-schedules';
import { DEFAULT_GENERATION_SETTINGS, type GenerationSettings } from '../generation/generation-settings';
import {
  PostgresInvoiceNumberAllocator,
  type SqlStatementRunner,
} from '../invoice-numbers/postgres-invoice-number-allocator';
import { RunRequests } from '../loading/run-requests';
import type { InvoiceNumberAllocator } from '../ports/invoice-number-allocator';
import { ListedPaymentTerms, type PaymentTermCatalog } from '../ports/payment-term-catalog';
import { GroupWorkConsumer } from './group-work.consumer';
import { TaxResultsConsumer } from './tax-results.consumer';
import { GENERATION_SETTINGS, INVOICE_NUMBER_ALLOCATOR, PAYMENT_TERM_CATALOG } from './tokens';

/**
 * The topics invoice generation consumes in a consumer group of their own (topic → group name). Tax
 * results complete invoices: in the group of the work items they would wait until the work-item
 * backlog of each fetch was handled, and so would every invoice of a run.
 */
export const INVOICE_GENERATION_DEDICATED_GROUPS: Readonly<Record<string, string>> = {
  [Topics.TaxResults]: 'tax-results',
};

export interface InvoiceGenerationModuleOptions {
  readonly settings?: Partial<GenerationSettings>;
  readonly paymentTerms: readonly PaymentTerm[];
  /** Schema of the invoice number tables, in the read-model database (default `invoice_numbers`). */
  readonly invoiceNumberSchema?: string;
}

/**
 * The invoice generation service: consumers of `invoice-batch.group-work` and `tax.results`. Needs
 * `EVENT_STORE`, `MESSAGE_PUBLISHER`, `CLOCK`, `APP_LOGGER` and `READ_MODEL_DATA_SOURCE` (whose
 * database keeps the invoice numbers; its tables are created at start).
 */
@Module({})
export class InvoiceGenerationModule {
  static forRoot(options: InvoiceGenerationModuleOptions): DynamicModule {
    const settings: GenerationSettings = { ...DEFAULT_GENERATION_SETTINGS, ...options.settings };
    return {
      module: InvoiceGenerationModule,
      controllers: [GroupWorkConsumer, TaxResultsConsumer],
      providers: [
        { provide: GENERATION_SETTINGS, useValue: settings },
        { provide: PAYMENT_TERM_CATALOG, useValue: new ListedPaymentTerms(options.paymentTerms) },
        {
          provide: INVOICE_NUMBER_ALLOCATOR,
          inject: [READ_MODEL_DATA_SOURCE],
          useFactory: async (database: SqlStatementRunner) => {
            const allocator = new PostgresInvoiceNumberAllocator(database, options.invoiceNumberSchema);
            await allocator.migrate();
            return allocator;
          },
        },
        {
          provide: RunRequests,
          inject: [EVENT_STORE],
          useFactory: (eventStore: EventStore) => new RunRequests(eventStore),
        },
        {
          provide: RecentBillingSchedules,
          useFactory: () => new RecentBillingSchedules(settings.keptBillingSchedules),
        },
        {
          provide: GenerateGroupInvoice,
          inject: [
            EVENT_STORE,
            MESSAGE_PUBLISHER,
            CLOCK,
            PAYMENT_TERM_CATALOG,
            RunRequests,
            RecentBillingSchedules,
          ],
          useFactory: (
            eventStore: EventStore,
            publisher: MessagePublisher,
            clock: Clock,
            paymentTerms: PaymentTermCatalog,
            runs: RunRequests,
            recent: RecentBillingSchedules,
          ) => new GenerateGroupInvoice(eventStore, publisher, clock, paymentTerms, runs, settings, recent),
        },
        {
          provide: CompleteGroupInvoice,
          inject: [
            EVENT_STORE,
            MESSAGE_PUBLISHER,
            CLOCK,
            INVOICE_NUMBER_ALLOCATOR,
            RunRequests,
            RecentBillingSchedules,
          ],
          useFactory: (
            eventStore: EventStore,
            publisher: MessagePublisher,
            clock: Clock,
            invoiceNumbers: InvoiceNumberAllocator,
            runs: RunRequests,
            recent: RecentBillingSchedules,
          ) => new CompleteGroupInvoice(eventStore, publisher, clock, invoiceNumbers, runs, settings, recent),
        },
      ],
      exports: [GenerateGroupInvoice, CompleteGroupInvoice, INVOICE_NUMBER_ALLOCATOR],
    };
  }
}
