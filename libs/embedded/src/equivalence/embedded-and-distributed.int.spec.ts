// Issue 6: the scenario runner (embedded mode) and the distributed pipeline give the same invoices and
// summary for the same input. Each data set runs twice: once on the embedded composition (PGlite, the
// in-process bus), once on the distributed composition (the same service modules over
// DistributedInfrastructureModule: the real Kafka broker, the real PostgreSQL event store and read
// models), each on a fresh engine. Then the scenario outputs and every read model the run wrote are
// compared field by field; a difference fails with one line per field that differs.
//
// The distributed engine runs in this process, on topics and consumer groups with a unique prefix and
// on schemas of its own, so it shares nothing with other tests that use the broker or the database;
// its topics, groups and schemas are removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { currencyCode, deterministicId, instant } from '@invoice-engine/kernel';
import { createAppLogger, SettableClock } from '@invoice-engine/runtime';
import { RateTableTaxEngine } from '@invoice-engine/tax';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedEngine } from '../composition/embedded-engine';
import { parseScenario, type Scenario } from '../scenario/parse-scenario';
import { removeDistributedEngineTraces, startDistributedEngine } from './distributed-engine';
import { startEmbeddedEngineUnderTest } from './embedded-engine-under-test';
import { generatedEquivalenceDataSet } from './equivalence-data-set';
import { recordDifferences } from './record-differences';
import { recordRun, type RunRecord } from './run-record';

const databaseUrl = process.env['E2E_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const scenarioDirectory = join(__dirname, '..', '..', '..', '..', 'examples', 'scenarios');
const RUN_TIMEOUT_MS = 90_000;
const SCENARIO_TIMEOUT_MS = 240_000;

let workDirectory: string;
let template: string;

const silent = () => createAppLogger('equivalence-spec', 'silent');

beforeAll(async () => {
  // Starting PGlite empty (initdb and migrations) is slow on a busy machine: do it once into a template
  // directory, then give each embedded engine its own copy.
  workDirectory = await mkdtemp(join(tmpdir(), 'embedded-equivalence-'));
  template = join(workDirectory, 'template');
  const engine = await startEmbeddedEngine({
    dataDirectory: template,
    clock: new SettableClock(instant('2026-01-01T00:00:00.000Z')),
    taxEngine: new RateTableTaxEngine([]),
    paymentTerms: [],
    org: { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 },
    linesPerInvoice: 2000,
    logger: silent(),
    filteringProgressEvery: 1000,
    generationCheckpointEvery: 10,
  });
  await engine.close();
}, 300_000);

afterAll(async () => {
  if (workDirectory !== undefined) await rm(workDirectory, { recursive: true, force: true });
});

async function dropSchemas(schemas: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The engines' settings from a data set, the same for both modes. */
function engineSettings(scenario: Scenario) {
  return {
    taxEngine: new RateTableTaxEngine(scenario.taxRates),
    paymentTerms: scenario.paymentTerms,
    org: {
      defaultCurrency: scenario.org.defaultCurrency,
      maxTargetDateOffsetMonths: scenario.org.maxTargetDateOffsetMonths,
    },
    linesPerInvoice: scenario.org.maxLinesPerInvoice,
    filteringProgressEvery: 100,
    generationCheckpointEvery: 10,
  };
}

function clockAt(scenario: Scenario): SettableClock {
  return new SettableClock(instant(`${scenario.org.today}T00:00:00.000Z`));
}

async function runEmbedded(name: string, scenario: Scenario, runId: string): Promise<RunRecord> {
  const dataDirectory = join(workDirectory, name);
  await cp(template, dataDirectory, { recursive: true });
  const clock = clockAt(scenario);
  const engine = await startEmbeddedEngineUnderTest({
    ...engineSettings(scenario),
    dataDirectory,
    clock,
    logger: silent(),
  });
  try {
    return await recordRun(engine, clock, { ...scenario, today: scenario.org.today, runId }, RUN_TIMEOUT_MS);
  } finally {
    await engine.close();
  }
}

async function runDistributed(scenario: Scenario, runId: string): Promise<RunRecord> {
  // A lower-case SQL identifier and a valid Kafka topic prefix at once.
  const label = `equiv_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const clock = clockAt(scenario);
  try {
    const engine = await startDistributedEngine({
      ...engineSettings(scenario),
      label,
      databaseUrl,
      brokers,
      clock,
    });
    try {
      return await recordRun(
        engine,
        clock,
        { ...scenario, today: scenario.org.today, runId },
        RUN_TIMEOUT_MS,
      );
    } finally {
      await engine.close();
    }
  } finally {
    await removeDistributedEngineTraces({ label, brokers }, dropSchemas);
  }
}

async function bothModes(name: string, scenario: Scenario) {
  const runId = deterministicId('equivalence-run', name);
  // Side by side, and both to their end (each closes its engine) before either failure is reported.
  const [embedded, distributed] = await Promise.allSettled([
    runEmbedded(name, scenario, runId),
    runDistributed(scenario, runId),
  ]);
  if (embedded.status === 'rejected') throw embedded.reason;
  if (distributed.status === 'rejected') throw distributed.reason;
  return { embedded: embedded.value, distributed: distributed.value };
}

async function scenarioFile(file: string): Promise<Scenario> {
  const parsed = parseScenario(await readFile(join(scenarioDirectory, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.scenario;
}

/** Example scenarios that together cover the pipeline's branches; what each adds is in the name. */
const SCENARIOS: readonly string[] = [
  '01-worked-example-1-monthly-advance-stub.json', // stub proration, Draft
  '06-grouping-default.json', // Default grouping keys
  '07-grouping-billing-schedule.json', // one invoice per schedule
  '08-grouping-custom-key.json', // custom keys, case-insensitive
  '09-splitting-at-line-limit.json', // a group split into two invoices
  '10-exclusion-reasons.json', // every exclusion reason terms can give
  '11-suspension.json',
  '12-cancellation.json',
  '13-multi-currency-summary.json', // USD, EUR, JPY: null single totals
  '16-bhd-three-digits.json', // three minor digits
  '18-tax-failure-fails-one-group.json', // a failed group, error logs, run Failed
  '19-posted-run.json', // Posted invoices, numbers, actual tax
  '20-run-criteria.json', // schedules outside the criteria
  '21-billing-period-count.json',
  '22-one-time-and-combine.json',
  '24-given-state-not-pending-billing.json', // schedules given mid-life: NotPendingBilling, MissingNextBillingDate
  '25-given-state-billed-through.json', // a schedule given as billed through a date bills only the rest
];

describe('the embedded and the distributed pipeline, given the same input', () => {
  it.each(SCENARIOS)(
    '%s: the same run, invoices, lines, taxes, schedules and summary',
    async (file) => {
      const { embedded, distributed } = await bothModes(file, await scenarioFile(file));

      expect(recordDifferences(embedded, distributed)).toEqual([]);
      // The comparison is about a run that did something.
      expect(embedded.scenarioOutput.run.stages.at(-1)).toMatch(/^(Completed|Failed)$/);
      expect(embedded.scenarioOutput.invoices.length).toBeGreaterThan(0);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.each(['Draft', 'Posted'] as const)(
    'a generated data set of 400 schedules in three currencies, %s: the same results',
    async (invoiceStatus) => {
      const dataSet = generatedEquivalenceDataSet({ schedules: 400, seed: 20260601, invoiceStatus });
      const { embedded, distributed } = await bothModes(`generated-${invoiceStatus}`, dataSet);

      expect(recordDifferences(embedded, distributed)).toEqual([]);
      const summary = embedded.scenarioOutput.run.summary;
      expect(summary.totalInvoicesGenerated).toBeGreaterThan(30);
      expect(summary.totalInvoicesFailed).toBeGreaterThan(0);
      expect(Object.keys(summary.totalsByCurrency).sort()).toEqual(['EUR', 'JPY', 'USD']);
      expect(Object.values(summary.excludedByReason).filter((count) => count > 0).length).toBeGreaterThan(3);
      expect(invoiceStatus === 'Posted' ? summary.totalPostedInvoices : summary.totalDraftInvoices).toBe(
        summary.totalInvoicesProcessed,
      );
    },
    SCENARIO_TIMEOUT_MS,
  );
});
