import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

describe('a read-model data source on embedded PGlite', () => {
  it('runs the same migrations and round-trips a checkpoint', async () => {
    // A child process, not this Jest worker: see pglite-round-trip.script.ts for why.
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'pglite-round-trip.script.ts')],
      { cwd: workspaceRoot, timeout: 90_000 },
    );

    expect(JSON.parse(stdout)).toEqual({
      rows: [{ projection_name: 'probe', position: '18446744073709551615' }],
      migrations: [{ name: 'CreateProjectionCheckpoints1767225600000' }],
    });
  }, 120_000);
});
