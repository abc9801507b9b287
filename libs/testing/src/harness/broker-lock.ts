import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK_DIRECTORY = join(tmpdir(), 'invoice-engine-pipeline-harness.lock');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK_DIRECTORY, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface BrokerLock {
  release(): void;
}

/**
 * One pipeline at a time on this machine. Topic names are fixed, so two pipelines on one broker see
 * each other's messages (a foreign run request would be retried or dead-lettered by the other's
 * services); the end-to-end specs and the bench take this lock around their services. A lock left by
 * a dead process is taken over.
 */
export async function acquireBrokerLock(timeoutMs = 15 * 60_000): Promise<BrokerLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIRECTORY);
      writeFileSync(join(LOCK_DIRECTORY, 'pid'), String(process.pid));
      return { release: () => rmSync(LOCK_DIRECTORY, { recursive: true, force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder that has not written its pid yet gets a moment before it counts as dead.
    if (!holderAlive()) {
      await sleep(500);
      if (!holderAlive()) rmSync(LOCK_DIRECTORY, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another pipeline holds ${LOCK_DIRECTORY} for too long`);
    await sleep(1000);
  }
}
