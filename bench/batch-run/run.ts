// One invoice batch run through the distributed pipeline, every service its own process, on the local
// broker and PostgreSQL. Run:
//   node -r @swc-node/register bench/batch-run/run.ts --schedules 100000
// Seeds N schedules (streamed, appendMany in batches), about ten per grouping key, into fresh schemas,
// starts the services, runs one batch run and prints what it measured. Nothing here asserts a time.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { calendarDate, instant } from '@invoice-engine/kernel';
import {
  generateBillingSchedules,
  observeRun,
  PipelineEnvironment,
  seedBillingSchedules,
  waitFor,
} from '@invoice-engine/testing';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { cpuBetween, readMachineCpu } from './machine-cpu';
import { printReport, type BenchMeasurements } from './bench-report';

const AS_OF = calendarDate('2026-06-30');
const INVOICE_DATE = calendarDate('2026-07-01');

const seconds = (ms: number) => ms / 1000;

async function seed(
  environment: PipelineEnvironment,
  options: BenchOptions,
): Promise<{ created: number; ms: number }> {
  const startedAt = Date.now();
  let reported = 0;
  const result = await seedBillingSchedules(
    environment.eventStore,
    generateBillingSchedules({
      seed: options.seed,
      schedules: options.schedules,
      accounts: options.accounts,
      idPrefix: 'bs',
      asOf: AS_OF,
    }),
    {
      seedingId: `bench-${options.seed}`,
      occurredAt: instant(new Date().toISOString()),
      batchSize: 1000,
      concurrency: 2,
      onProgress: (written) => {
        if (written - reported < 50_000 && written !== options.schedules) return;
        reported = written;
        console.log(`  seeded ${written} schedules (${seconds(Date.now() - startedAt).toFixed(1)} s)`);
      },
    },
  );
  return { created: result.schedulesCreated, ms: Date.now() - startedAt };
}

async function caughtUp(environment: PipelineEnvironment, timeoutMs: number): Promise<number> {
  const startedAt = Date.now();
  const targets = await environment.queries.projectionTargets();
  await waitFor(
    'the read models to catch up',
    async () => ((await environment.queries.projectionsReached(targets)) ? true : undefined),
    {
      timeoutMs,
      intervalMs: 250,
    },
  );
  return Date.now() - startedAt;
}

async function bench(options: BenchOptions): Promise<BenchMeasurements> {
  const environment = await PipelineEnvironment.open({
    label: 'bench_batch_run',
    logLevel: options.logLevel,
    keepSchemas: options.keepSchemas,
    databasePoolSize: 8,
    environment: options.serviceEnvironment,
  });
  console.log(
    `schemas ${environment.schemas.eventStore} / ${environment.schemas.readModels}; logs in ${environment.logDirectory}`,
  );
  try {
    console.log(`seeding ${options.schedules} billing schedules over ${options.accounts} accounts`);
    const seeding = await seed(environment, options);
    // The local cluster runs with autovacuum off: without statistics on the freshly loaded events table
    // the subscriptions' filtered reads scan and sort every remaining event (docs/read-models.md).
    await environment.pool.query(`ANALYZE "${environment.schemas.eventStore}".events`);
    console.log('starting the services');
    const servicesStartedAt = Date.now();
    const harness = await environment.startServices();
    const servicesStartMs = Date.now() - servicesStartedAt;
    console.log('waiting for the projector to read the seeded schedules');
    const initialProjectionMs = await caughtUp(environment, options.timeoutMs);
    const before = await environment.queries.eventStoreTotals();
    const cpuBefore = harness.cpuSeconds();
    const machineBefore = readMachineCpu();
    const runId = randomUUID();
    console.log(`running ${runId} (${options.invoiceStatus})`);
    const startedAt = Date.now();
    const answer = await environment.api.requestRun({
      runId,
      targetDate: AS_OF,
      invoiceDate: INVOICE_DATE,
      invoiceStatus: options.invoiceStatus,
    });
    if (answer.status !== 202)
      throw new Error(`the run request was refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    const observation = await observeRun(environment.queries, runId, {
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      startedAt,
    }).catch((error: unknown) => {
      console.log(`  ${error instanceof Error ? error.message : String(error)}: reporting where it got to`);
      return null;
    });
    const readModelCatchUpMs = observation === null ? null : await caughtUp(environment, options.timeoutMs);
    const cpuAfter = harness.cpuSeconds();
    const machineCpu = cpuBetween(machineBefore, readMachineCpu());
    const after = await environment.queries.eventStoreTotals();
    const byType = await environment.queries.eventsByType();
    const run = observation?.run ?? (await environment.queries.run(runId));
    if (run === undefined) throw new Error(`run ${runId} has no row`);
    const stages = await environment.queries.stages(runId);
    return {
      options,
      stages,
      requestedAt: startedAt,
      seeding,
      servicesStartMs,
      initialProjectionMs,
      run,
      totalMs: observation?.endedAfterMs ?? null,
      firstInvoiceMs: observation?.firstInvoiceReadableAfterMs ?? null,
      readModelCatchUpMs,
      eventsAppendedByRun: after.events - before.events,
      eventsByType: byType,
      peakMemoryKb: harness.peakMemory(),
      machineCpu,
      cpuSecondsDuringRun: Object.fromEntries(
        Object.entries(cpuAfter).map(([service, after]) => {
          const start = cpuBefore[service as keyof typeof cpuBefore];
          return [service, after === null || start === null ? null : after - start];
        }),
      ),
    };
  } finally {
    await environment.close();
    if (!options.keepSchemas) environment.discardFiles();
  }
}

bench(parseBenchOptions(process.argv.slice(2))).then(
  (measurements) => {
    printReport(measurements);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
