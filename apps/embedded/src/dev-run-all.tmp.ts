import 'reflect-metadata';
import { runScenario } from '@invoice-engine/embedded';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function main() {
  const dir = 'examples/scenarios';
  const only = process.argv.slice(2);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  const base = await mkdtemp(join(tmpdir(), 'emb-'));
  const template = join(base, 'template');
  let t = Date.now();
  // An empty, migrated template: a scenario with no schedules builds it.
  await runScenario(JSON.stringify({ org: { today: '2026-01-01', defaultCurrency: 'USD' }, taxRates: [], paymentTerms: [], billingSchedules: [], run: { targetDate: '2026-01-01', invoiceStatus: 'Draft' } }), { dataDirectory: template });
  console.log('template', Date.now() - t);
  for (const file of files) {
    t = Date.now();
    const data = join(base, file);
    await cp(template, data, { recursive: true });
    const result = await runScenario(await readFile(join(dir, file), 'utf8'), { dataDirectory: data });
    await rm(data, { recursive: true, force: true });
    const text = JSON.stringify(result.ok ? result.output : { error: result.error }, null, 2) + '\n';
    await writeFile(join('/tmp/emb/actual', file.replace('.json', '.actual.json')), text);
    let verdict = 'no expected';
    try { verdict = (await readFile(join(dir, file.replace('.json', '.expected.json')), 'utf8')) === text ? 'SAME' : 'DIFF'; } catch {}
    console.log(file, Date.now() - t, verdict);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
