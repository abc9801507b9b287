import { PIPELINE_SERVICES, type PipelineService } from '@invoice-engine/testing';

/** Extra environment variables per service, from `--service-env <service>:<NAME>=<value>`. */
export type ServiceEnvironment = Partial<Record<PipelineService, Record<string, string>>>;

/** Command line of the batch run bench. */
export interface BenchOptions {
  readonly schedules: number;
  readonly accounts: number;
  readonly invoiceStatus: 'Draft' | 'Posted';
  readonly seed: number;
  readonly logLevel: string;
  readonly keepSchemas: boolean;
  readonly timeoutMs: number;
  readonly serviceEnvironment: ServiceEnvironment;
}

const USAGE = `usage: node -r @swc-node/register bench/batch-run/run.ts [--schedules N] [--accounts M]
       [--invoice-status Draft|Posted] [--seed S] [--log-level warn] [--timeout-minutes 60] [--keep-schemas]
       [--service-env <service>:<NAME>=<value> ...]   (services: ${PIPELINE_SERVICES.join(', ')})`;

function wholeNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isSafeInteger(number) || number < 1)
    throw new Error(`${name} needs a whole number ≥ 1\n${USAGE}`);
  return number;
}

function addServiceVariable(environment: ServiceEnvironment, setting: string): void {
  const match = /^([a-z-]+):([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(setting);
  const service = PIPELINE_SERVICES.find((name) => name === match?.[1]);
  if (match === null || service === undefined)
    throw new Error(`--service-env needs <service>:<NAME>=<value>, got "${setting}"\n${USAGE}`);
  environment[service] = { ...environment[service], [match[2] ?? '']: match[3] ?? '' };
}

export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const serviceEnvironment: ServiceEnvironment = {};
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index] ?? '';
    if (name === '--keep-schemas') flags.add(name);
    else if (name === '--service-env') addServiceVariable(serviceEnvironment, args[(index += 1)] ?? '');
    else if (name.startsWith('--')) values.set(name, args[(index += 1)] ?? '');
    else throw new Error(`unexpected argument ${name}\n${USAGE}`);
  }
  const schedules = values.has('--schedules')
    ? wholeNumber('--schedules', values.get('--schedules'))
    : 100_000;
  const invoiceStatus = values.get('--invoice-status') ?? 'Draft';
  if (invoiceStatus !== 'Draft' && invoiceStatus !== 'Posted')
    throw new Error(`--invoice-status is Draft or Posted\n${USAGE}`);
  return {
    schedules,
    // About ten schedules per grouping key: one Default group per account.
    accounts: values.has('--accounts')
      ? wholeNumber('--accounts', values.get('--accounts'))
      : Math.max(1, Math.round(schedules / 10)),
    invoiceStatus,
    seed: values.has('--seed') ? wholeNumber('--seed', values.get('--seed')) : 20260630,
    logLevel: values.get('--log-level') ?? 'warn',
    keepSchemas: flags.has('--keep-schemas'),
    timeoutMs:
      (values.has('--timeout-minutes')
        ? wholeNumber('--timeout-minutes', values.get('--timeout-minutes'))
        : 60) * 60_000,
    serviceEnvironment,
  };
}
