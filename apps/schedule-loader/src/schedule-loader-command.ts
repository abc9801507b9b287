import {
  scheduleRecordsOf,
  ScheduleLoader,
  type LoadProblem,
  type ScheduleLoadReport,
} from '@invoice-engine/billing-read-models';
import { loadConfiguration, type Environment } from '@invoice-engine/config';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { deterministicId } from '@invoice-engine/kernel';
import { SystemClock } from '@invoice-engine/runtime';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ScheduleLoaderConfiguration } from './schedule-loader.configuration';

/** Where the command writes: the report (JSON) and the problems (one per line). */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function describe(problem: LoadProblem): string {
  const where = problem.row === 0 ? 'file' : `row ${problem.row}`;
  return problem.field === ''
    ? `${where}: ${problem.reason}`
    : `${where}, ${problem.field}: ${problem.reason}`;
}

async function loadFile(
  path: string,
  configuration: ScheduleLoaderConfiguration,
): Promise<ScheduleLoadReport> {
  const text = await readFile(path, 'utf8');
  const { records, problems } = scheduleRecordsOf(path, text);
  // The same file gives the same load id: correlation and causation of its events.
  const loadId = deterministicId(
    'schedule-load',
    basename(path),
    createHash('sha256').update(text).digest('hex'),
  );
  const store = new PostgresEventStore(
    PgPoolConnection.open({ connectionString: configuration.DATABASE_URL, max: 4 }),
    { schema: configuration.EVENT_STORE_SCHEMA, closeConnection: true },
  );
  try {
    await store.migrate();
    const loader = new ScheduleLoader(store, new SystemClock(), {
      batchSize: configuration.LOAD_BATCH_SIZE,
      readConcurrency: 16,
    });
    return await loader.load(loadId, records, problems);
  } finally {
    await store.close();
  }
}

/**
 * `schedule-loader <file.csv|file.json>`: validates every row and loads the schedules, or nothing.
 * Prints the report as JSON on stdout and each problem on stderr; returns the exit code (0 loaded,
 * 1 rejected or failed, 2 usage).
 */
export async function runScheduleLoaderCommand(
  args: readonly string[],
  environment: Environment,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  const [path, ...rest] = args;
  if (path === undefined || rest.length > 0) {
    output.err('usage: schedule-loader <billing-schedules.csv|billing-schedules.json>');
    return 2;
  }
  const configuration = loadConfiguration('schedule-loader', ScheduleLoaderConfiguration, environment);
  let report: ScheduleLoadReport;
  try {
    report = await loadFile(path, configuration);
  } catch (error) {
    output.err(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  output.out(JSON.stringify(report));
  if (report.outcome === 'Loaded') return 0;
  for (const problem of report.problems) output.err(describe(problem));
  return 1;
}
