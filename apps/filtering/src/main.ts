import 'reflect-metadata';
import { billingReadModelParts } from '@invoice-engine/billing-read-models';
import { loadConfiguration } from '@invoice-engine/config';
import { startDistributedService } from '@invoice-engine/distributed';
import { FilteringAppModule } from './filtering-app.module';
import { FilteringConfiguration } from './filtering.config';

const configuration = loadConfiguration('filtering', FilteringConfiguration, process.env);

startDistributedService(
  {
    service: 'filtering',
    serviceModule: FilteringAppModule.forConfiguration(configuration),
    readModelParts: billingReadModelParts,
  },
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
