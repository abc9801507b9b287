import 'reflect-metadata';
import { loadConfiguration } from '@invoice-engine/config';
import { startDistributedService } from '@invoice-engine/distributed';
import {
  INVOICE_GENERATION_DEDICATED_GROUPS,
  InvoiceGenerationModule,
  readPaymentTermsFile,
} from '@invoice-engine/generation-application';
import { InvoiceGenerationConfiguration } from './invoice-generation.config';

const configuration = loadConfiguration('invoice-generation', InvoiceGenerationConfiguration, process.env);

startDistributedService(
  {
    service: 'invoice-generation',
    dedicatedConsumerGroups: INVOICE_GENERATION_DEDICATED_GROUPS,
    serviceModule: InvoiceGenerationModule.forRoot({
      settings: {
        maxLinesPerInvoice: configuration.MAX_LINES_PER_INVOICE,
        conflictAttempts: configuration.CONFLICT_ATTEMPTS,
        keptBillingSchedules: configuration.KEPT_BILLING_SCHEDULES,
      },
      paymentTerms: readPaymentTermsFile(configuration.PAYMENT_TERMS_FILE),
      invoiceNumberSchema: configuration.INVOICE_NUMBER_SCHEMA,
    }),
  },
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
