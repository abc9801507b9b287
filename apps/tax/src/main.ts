import 'reflect-metadata';
import { loadConfiguration } from '@invoice-engine/config';
import { startDistributedService } from '@invoice-engine/distributed';
import { createTaxEngine, TaxModule } from '@invoice-engine/generation-application';
import { TaxConfiguration, taxEngineSettingsOf } from './tax.config';

const configuration = loadConfiguration('tax', TaxConfiguration, process.env);

startDistributedService(
  {
    service: 'tax',
    serviceModule: TaxModule.forRoot({ taxEngine: createTaxEngine(taxEngineSettingsOf(configuration)) }),
  },
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
