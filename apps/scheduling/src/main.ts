import 'reflect-metadata';
import { loadConfiguration } from '@invoice-engine/config';
import { startDistributedService } from '@invoice-engine/distributed';
import { currencyCode } from '@invoice-engine/kernel';
import { SchedulingModule } from '@invoice-engine/run-application';
import { apiTokensOf } from './api-tokens';
import { SchedulingConfiguration } from './scheduling.config';

const configuration = loadConfiguration('scheduling', SchedulingConfiguration, process.env);

startDistributedService(
  {
    service: 'scheduling',
    serviceModule: SchedulingModule.register({
      org: {
        defaultCurrency: currencyCode(configuration.DEFAULT_CURRENCY),
        maxTargetDateOffsetMonths: configuration.MAX_TARGET_DATE_OFFSET_MONTHS,
      },
      apiTokens: apiTokensOf(configuration.API_TOKENS),
      timerEnabled: configuration.SCHEDULER_TIMER_ENABLED,
      timerIntervalMs: configuration.SCHEDULER_TIMER_INTERVAL_MS,
      producer: 'scheduling',
    }),
    httpPort: configuration.HTTP_PORT,
  },
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
