// `npm start` and the scenario runner as a person runs them: a child process with nothing but Node.
// KAFKA_BROKERS and DATABASE_URL point at closed ports, so any use of Kafka or a PostgreSQL server
// would fail the run.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function main(...args: string[]): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/embedded/src/main.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '',
          KAFKA_BROKERS: '127.0.0.1:1',
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing-here',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('npm start', () => {
  it('completes a small run without Kafka or PostgreSQL and prints the summary', async () => {
    const run = await main('--schedules', '200', '--seed', '5', '--target-date', '2026-03-01');

    expect(run.stderr).not.toMatch(/ECONNREFUSED|kafka/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Invoice batch run [0-9a-f-]{36}: (Completed|Failed)/);
    expect(run.stdout).toContain('200 demo schedules over 20 accounts (seed 5), target date 2026-03-01');
    expect(run.stdout).toMatch(/Filtered billing schedules \(due and eligible\) +\d+/);
    expect(run.stdout).toMatch(/Invoices generated +[1-9]\d*/);
    expect(run.stdout).toContain('Excluded by reason');
    expect(run.stdout).toMatch(/NotActivated +\d+/);
    expect(run.stdout).toContain('Sample invoice');
    expect(run.stdout).toContain('bash tools/kafka start');
  }, 300_000);

  it('lists its flags with --help', async () => {
    const run = await main('--help');
    expect(run.code).toBe(0);
    for (const flag of ['--schedules', '--target-date', '--invoice-status', '--seed'])
      expect(run.stdout).toContain(flag);
  }, 120_000);

  it('refuses an invalid flag with a clear message and exit code 2', async () => {
    const run = await main('--invoice-status', 'Final');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--invoice-status must be Draft or Posted, got "Final"');
  }, 120_000);
});

describe('npm run scenario', () => {
  it('prints {"error": {code, message}} and exits non-zero for an invalid file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'embedded-main-'));
    const file = join(directory, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        org: { today: '2026-03-01', defaultCurrency: 'USD' },
        taxRates: [],
        paymentTerms: [],
        billingSchedules: [{ id: 'BS-1', currency: 'USX' }],
        run: { targetDate: '2026-03-01', invoiceStatus: 'Draft' },
      }),
    );

    const run = await main('scenario', file);

    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(Object.keys(printed)).toEqual(['error']);
    expect(Object.keys(printed.error)).toEqual(['code', 'message']);
    expect(printed.error.code).toBe('SCENARIO.INVALID');
    expect(printed.error.message).toContain(
      'billingSchedules[0].currency: must be an ISO 4217 currency code',
    );
    expect(printed.error.message).toContain('billingSchedules[0].billingAccountId: is missing');
  }, 120_000);

  it('prints an error for a file that does not exist', async () => {
    const run = await main('scenario', join(root, 'examples', 'scenarios', 'no-such-scenario.json'));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: { code: 'SCENARIO.UNREADABLE', message: expect.stringContaining('no-such-scenario.json') },
    });
  }, 120_000);
});
