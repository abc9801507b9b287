import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigurationError } from './config-error';
import { shownValue } from './shown-value';

export type Environment = Readonly<Record<string, string | undefined>>;

function describeProblems(errors: readonly ValidationError[], environment: Environment): string[] {
  return errors.flatMap((error) => {
    const shown = shownValue(error.property, environment[error.property]);
    return Object.values(error.constraints ?? {}).map(
      (constraint) => `${error.property} (${shown}): ${constraint}`,
    );
  });
}

/**
 * Parses and validates an app's configuration once, at boot. The configuration class names its
 * properties after the environment variables (`KAFKA_BROKERS`) and converts them with
 * class-transformer decorators; defaults are the property initialisers. Every problem is listed.
 */
export function loadConfiguration<T extends object>(
  appName: string,
  configurationClass: ClassConstructor<T>,
  environment: Environment,
): T {
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const configuration = plainToInstance(configurationClass, present, { exposeDefaultValues: true });
  const errors = validateSync(configuration, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigurationError(appName, describeProblems(errors, environment));
  return configuration;
}
