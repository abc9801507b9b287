import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

describe('a read-model data source on embedded PGlite', () => {
  it('runs the same migrations and applies a projection batch once, however often it is fed', async () => {
    // A child process, not this Jest worker: see pglite-round-trip.script.ts for why.
    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'pglite-round-trip.script.ts')],
      { cwd: workspaceRoot, timeout: 90_000 },
    );

    expect(JSON.parse(stdout)).toEqual({
      applied: [
        { folded: 2, alreadyApplied: 0, checkpoint: '20' },
        { folded: 0, alreadyApplied: 2, checkpoint: '20' },
      ],
      rows: [{ stream_id: 'invoice-1', last_event_type: 'ProbeTouched', last_position: '20' }],
      checkpoints: [{ projection_name: 'stream-activity', position: '20' }],
      migrations: [
        { name: 'CreateProjectionCheckpoints1767225600000' },
        { name: 'CreateStreamActivity1767225700000' },
      ],
    });
  }, 120_000);
});
