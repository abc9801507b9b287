import 'reflect-metadata';
import { loadConfiguration } from '@invoice-engine/config';
import { startDistributedService } from '@invoice-engine/distributed';
import { SummarizationModule } from '@invoice-engine/run-application';
import { SummarizationConfiguration } from './summarization.config';

const configuration = loadConfiguration('summarization', SummarizationConfiguration, process.env);

startDistributedService(
  {
    service: 'summarization',
    serviceModule: SummarizationModule.register({
      checkpointEveryGroups: configuration.SUMMARIZATION_CHECKPOINT_EVERY,
    }),
  },
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
