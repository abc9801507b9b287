// Throughput of the read-model projections on the volume of a real batch run. Run:
//   node -r @swc-node/register bench/projector/projector.bench.ts --schedules 100000
// Seeds N generated billing schedules and one Draft run over them (invoices, lines, schedules
// invoiced, the run's stages) into a fresh event-store schema of db `test`, then replays every
// projection from zero into a fresh read-model schema: each alone, then all five at once as the
// projector runs them. Prints events/s per projection. Nothing here asserts a time.
import 'reflect-metadata';
import { billingProjections, billingReadModelParts } from '@invoice-engine/billing-read-models';
import { PgPoolConnection, PostgresEventStore } from '@invoice-engine/event-store';
import { calendarDate, currencyCode, instant } from '@invoice-engine/kernel';
import { openReadModelDataSource, resetProjection } from '@invoice-engine/read-models';
import {
  generateBillingSchedules,
  seedBillingSchedules,
  TEST_DATABASE_URL,
  uniqueSchemas,
} from '@invoice-engine/testing';
import { benchRunAppends, type BenchRun } from './bench-run-events';
import { parseProjectorBenchOptions, type ProjectorBenchOptions } from './projector-bench-options';
import { replayProjections, type ReplayResult } from './replay-projections';

const AS_OF = calendarDate('2026-06-30');
const RUN: BenchRun = {
  occurredAt: instant('2026-07-01T06:00:00.000Z'),
  request: {
    runId: 'projector-bench-run',
    criteria: {
      currencies: null,
      billingBatches: null,
      legalEntityIds: null,
      billingAccountIds: null,
      chargeTypes: null,
    },
    targetDate: calendarDate('2026-07-01'),
    invoiceDate: calendarDate('2026-07-01'),
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    defaultCurrency: currencyCode('USD'),
    requestedAt: instant('2026-07-01T06:00:00.000Z'),
    trigger: { type: 'AdHoc', requestedBy: 'projector-bench' },
  },
};

async function seed(store: PostgresEventStore, options: ProjectorBenchOptions): Promise<void> {
  const startedAt = Date.now();
  const schedules = [
    ...generateBillingSchedules({
      seed: options.seed,
      schedules: options.schedules,
      idPrefix: 'PB',
      asOf: AS_OF,
    }),
  ];
  await seedBillingSchedules(store, schedules, {
    seedingId: 'projector-bench',
    occurredAt: instant('2026-06-30T00:00:00.000Z'),
  });
  for (const appends of benchRunAppends(schedules, RUN)) {
    for (let start = 0; start < appends.length; start += 1000)
      await store.appendMany(appends.slice(start, start + 1000));
  }
  console.log(
    `seeded ${options.schedules} schedules and one run in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
}

function printResults(title: string, results: readonly ReplayResult[]): void {
  console.log(`\n${title}`);
  console.log(
    `  ${'projection'.padEnd(32)}${'events'.padStart(9)}${'seconds'.padStart(9)}${'events/s'.padStart(10)}${'fold s'.padStart(8)}${'batches'.padStart(9)}`,
  );
  for (const result of results) {
    console.log(
      `  ${result.name.padEnd(32)}${String(result.events).padStart(9)}${result.seconds.toFixed(2).padStart(9)}` +
        `${Math.round(result.events / result.seconds)
          .toLocaleString('en-US')
          .padStart(10)}` +
        `${result.foldSeconds.toFixed(2).padStart(8)}${String(result.batches).padStart(9)}`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseProjectorBenchOptions(process.argv.slice(2));
  const schemas = uniqueSchemas('projector_bench');
  const eventStoreSchema = options.eventStoreSchema ?? schemas.eventStore;
  const store = new PostgresEventStore(
    PgPoolConnection.open({ connectionString: TEST_DATABASE_URL, max: 8 }),
    {
      schema: eventStoreSchema,
      closeConnection: true,
    },
  );
  await store.migrate();
  const dataSource = await openReadModelDataSource(
    { kind: 'postgres', url: TEST_DATABASE_URL, schema: schemas.readModels, poolSize: 8 },
    billingReadModelParts,
  );
  try {
    if (options.eventStoreSchema === null) await seed(store, options);
    if (options.analyze) {
      // The local cluster runs without autovacuum: without statistics the subscriptions' filtered reads
      // sort every remaining event of their types for each batch (see docs/read-models.md).
      await dataSource.query(`ANALYZE "${eventStoreSchema}".events`);
    }
    console.log(
      `event store ${eventStoreSchema}${options.analyze ? ' (analyzed)' : ''}, read models ${schemas.readModels}, batch size ${options.batchSize}`,
    );
    const projections = billingProjections.filter(
      (projection) => options.only === null || projection.name === options.only,
    );
    const alone: ReplayResult[] = [];
    for (const projection of projections) {
      await resetProjection(dataSource, projection);
      alone.push(
        ...(await replayProjections(dataSource, store, eventStoreSchema, [projection], options.batchSize))
          .results,
      );
    }
    printResults('each projection alone, from zero', alone);
    for (const projection of projections) await resetProjection(dataSource, projection);
    const together = await replayProjections(
      dataSource,
      store,
      eventStoreSchema,
      projections,
      options.batchSize,
    );
    printResults(`all at once, from zero: caught up in ${together.seconds.toFixed(2)} s`, together.results);
    const usage = process.resourceUsage();
    console.log(
      `\nbench process: ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} CPU s, max RSS ${Math.round(usage.maxRSS / 1024)} MB`,
    );
  } finally {
    await store.close();
    if (!options.keepSchemas) {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schemas.readModels}" CASCADE`);
      if (options.eventStoreSchema === null)
        await dataSource.query(`DROP SCHEMA IF EXISTS "${eventStoreSchema}" CASCADE`);
    }
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
