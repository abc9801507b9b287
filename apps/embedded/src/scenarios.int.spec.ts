// Every scenario of examples/scenarios through the embedded pipeline, compared with its expected output.
// PGlite (WASM) only; no Kafka, no PostgreSQL server. Starting PGlite empty costs tens of seconds on a
// busy machine (initdb and migrations), so the databases are created and migrated once into a template
// directory; each scenario then runs on its own fresh copy of it: no state is shared between scenarios.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runScenario, startEmbeddedEngine } from '@invoice-engine/embedded';
import { currencyCode, instant } from '@invoice-engine/kernel';
import { createAppLogger, SettableClock } from '@invoice-engine/runtime';
import { RateTableTaxEngine } from '@invoice-engine/tax';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scenarioDirectory = join(__dirname, '..', '..', '..', 'examples', 'scenarios');
const scenarios = readdirSync(scenarioDirectory)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.expected.json'))
  .sort();

let workDirectory: string;
let template: string;

beforeAll(async () => {
  workDirectory = await mkdtemp(join(tmpdir(), 'embedded-scenarios-'));
  template = join(workDirectory, 'template');
  const engine = await startEmbeddedEngine({
    dataDirectory: template,
    clock: new SettableClock(instant('2026-01-01T00:00:00.000Z')),
    taxEngine: new RateTableTaxEngine([]),
    paymentTerms: [],
    org: { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 },
    linesPerInvoice: 2000,
    logger: createAppLogger('embedded-scenarios-spec', 'silent'),
    filteringProgressEvery: 1000,
    generationCheckpointEvery: 10,
  });
  await engine.close();
}, 300_000);

afterAll(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

describe('the example scenarios', () => {
  it('come with an expected output each', async () => {
    const files = await readdir(scenarioDirectory);
    expect(scenarios.length).toBeGreaterThanOrEqual(17);
    for (const scenario of scenarios) expect(files).toContain(scenario.replace(/\.json$/, '.expected.json'));
  });

  it.each(scenarios)('%s gives its expected output', async (file) => {
    const dataDirectory = join(workDirectory, file);
    await cp(template, dataDirectory, { recursive: true });
    try {
      const result = await runScenario(await readFile(join(scenarioDirectory, file), 'utf8'), {
        dataDirectory,
        logger: createAppLogger('embedded-scenarios-spec', 'silent'),
      });
      const expected: unknown = JSON.parse(
        await readFile(join(scenarioDirectory, file.replace(/\.json$/, '.expected.json')), 'utf8'),
      );
      expect(result.ok ? result.output : { error: result.error }).toEqual(expected);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('a worked example', () => {
  it('runs the same on a fresh in-memory engine as on a copy of the template', async () => {
    const file = '01-worked-example-1-monthly-advance-stub.json';
    const result = await runScenario(await readFile(join(scenarioDirectory, file), 'utf8'), {
      logger: createAppLogger('embedded-scenarios-spec', 'silent'),
    });
    const expected: unknown = JSON.parse(
      await readFile(join(scenarioDirectory, file.replace(/\.json$/, '.expected.json')), 'utf8'),
    );
    expect(result.ok ? result.output : result.error).toEqual(expected);
  });
});
