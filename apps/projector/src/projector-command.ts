import {
  billingProjectionNamed,
  billingProjections,
  rebuildBillingProjection,
} from '@invoice-engine/billing-read-models';
import { loadConfiguration, type Environment } from '@invoice-engine/config';
import { createAppLogger, type AppLogger } from '@invoice-engine/runtime';
import { NestFactory } from '@nestjs/core';
import { ProjectorAppModule } from './projector-app.module';
import { ProjectorConfiguration } from './projector.configuration';
import { openProjectorInfrastructure } from './projector-infrastructure';

const usage = `usage: projector [serve] | projector rebuild <${billingProjections.map((projection) => projection.name).join('|')}>`;

/** Runs every projection and serves `GET /health` until a shutdown signal. */
async function serve(configuration: ProjectorConfiguration, logger: AppLogger): Promise<number> {
  const app = await NestFactory.create(ProjectorAppModule.forRoot(configuration, logger), {
    abortOnError: false,
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(configuration.HEALTH_PORT, '0.0.0.0');
  logger.info({ port: configuration.HEALTH_PORT }, 'projector running');
  return 0;
}

/** Replays one projection from the first event. Stop the running projectors first. */
async function rebuild(
  name: string,
  configuration: ProjectorConfiguration,
  logger: AppLogger,
): Promise<number> {
  const projection = billingProjectionNamed(name);
  if (projection === undefined) {
    logger.error({ projection: name }, `unknown projection; ${usage}`);
    return 2;
  }
  const infrastructure = await openProjectorInfrastructure(configuration);
  try {
    const checkpoint = await rebuildBillingProjection(
      infrastructure.dataSource,
      infrastructure.eventStore,
      projection,
      {
        batchSize: configuration.PROJECTION_BATCH_SIZE,
        idleMs: configuration.REBUILD_IDLE_MS,
        onApplied: (position, folded) =>
          logger.info({ projection: name, checkpoint: position.toString(), folded }, 'replayed'),
      },
    );
    logger.info({ projection: name, checkpoint: checkpoint?.toString() ?? null }, 'projection rebuilt');
    return 0;
  } finally {
    await infrastructure.close();
  }
}

/** `[]` or `['serve']` runs the projector; `['rebuild', name]` rebuilds one projection. Returns the exit code. */
export async function runProjectorCommand(
  args: readonly string[],
  environment: Environment,
): Promise<number> {
  const configuration = loadConfiguration('projector', ProjectorConfiguration, environment);
  const logger = createAppLogger('projector', configuration.LOG_LEVEL);
  const [command = 'serve', name] = args;
  if (command === 'serve' && name === undefined) return serve(configuration, logger);
  if (command === 'rebuild' && name !== undefined && args.length === 2)
    return rebuild(name, configuration, logger);
  logger.error(usage);
  return 2;
}
