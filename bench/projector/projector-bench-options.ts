/** Command line of the projector bench. */
export interface ProjectorBenchOptions {
  readonly schedules: number;
  readonly seed: number;
  /** Most events per projection transaction. */
  readonly batchSize: number;
  /** Replay only this projection. */
  readonly only: string | null;
  /** Replay an event store kept by an earlier run (`--keep-schemas`) instead of seeding a new one. */
  readonly eventStoreSchema: string | null;
  readonly keepSchemas: boolean;
  /** ANALYZE the events table before replaying (off: `--no-analyze`). */
  readonly analyze: boolean;
}

const USAGE = `usage: node -r @swc-node/register bench/projector/projector.bench.ts [--schedules N] [--seed S]
       [--batch-size B] [--only <projection>] [--event-store-schema <kept schema>] [--keep-schemas] [--no-analyze]`;

function wholeNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isSafeInteger(number) || number < 1)
    throw new Error(`${name} needs a whole number ≥ 1\n${USAGE}`);
  return number;
}

export function parseProjectorBenchOptions(args: readonly string[]): ProjectorBenchOptions {
  const values = new Map<string, string>();
  let keepSchemas = false;
  let analyze = true;
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index] ?? '';
    if (name === '--keep-schemas') keepSchemas = true;
    else if (name === '--no-analyze') analyze = false;
    else if (name.startsWith('--')) values.set(name, args[(index += 1)] ?? '');
    else throw new Error(`unexpected argument ${name}\n${USAGE}`);
  }
  const number = (name: string, fallback: number) =>
    values.has(name) ? wholeNumber(name, values.get(name)) : fallback;
  return {
    schedules: number('--schedules', 100_000),
    seed: number('--seed', 20260630),
    batchSize: number('--batch-size', 1000),
    only: values.get('--only') ?? null,
    eventStoreSchema: values.get('--event-store-schema') ?? null,
    keepSchemas,
    analyze,
  };
}
