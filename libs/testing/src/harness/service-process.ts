import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { readCpuSeconds, readPeakMemory, type ProcessMemory } from './process-memory';

/** How the harness knows a started service is ready to work. */
export type Readiness =
  | { readonly kind: 'http'; readonly url: string }
  /** A probe the caller supplies (e.g. "its consumer group is stable"); resolves true when ready. */
  | { readonly kind: 'probe'; readonly ready: (attempt: ServiceAttempt) => Promise<boolean> }
  | { readonly kind: 'none' };

export interface ServiceDefinition {
  /** The service's name: its log file names and the harness's handle on it. */
  readonly name: string;
  /** The TypeScript entry point, relative to the repository root (`apps/<service>/src/main.ts`). */
  readonly entry: string;
  readonly args?: readonly string[];
  /** The whole environment of the process (nothing is inherited but PATH and HOME). */
  readonly environment: Readonly<Record<string, string>>;
  readonly readiness: Readiness;
}

/** One start of a service: its process id and how often it was started before. */
export interface ServiceAttempt {
  readonly pid: number;
  readonly attempt: number;
}

export interface ServiceProcessOptions {
  readonly repositoryRoot: string;
  /** Each start's stdout and stderr go to `<logDirectory>/<name>.<attempt>.log`. */
  readonly logDirectory: string;
  readonly readyTimeoutMs?: number;
}

/**
 * V8 flags every service runs with, here and in the image (Dockerfile): a 64 MB young generation
 * semi-space (16 MB by default). Invoice generation allocates about half a gigabyte per second during
 * a run (message parsing, stream reads, appends) and much of it lives for a slice's round trip, so
 * small semi-spaces copy the same survivors over and over. Measured on 100,000-schedule bench runs
 * (time in young-generation collections): invoice generation 8.2 s at 32 MB → 6.1 s at 64 MB
 * (6.8 s at 128 MB, with 1.2 GB peak memory), projector 3.2 → 1.4 s; invoice generation's peak
 * memory about 950 MB at 64 MB. At 16 → 32 MB the CPU profiles of a 10,000-schedule run showed
 * invoice generation 1.87 → 1.34 s and the projector 1.13 → 0.73 s of garbage collection.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One service running as its own Node process (`node -r @swc-node/register <entry>`), as in production:
 * started and awaited until ready, killed with SIGKILL to simulate a crash, restarted, stopped with
 * SIGTERM (graceful shutdown). Its peak resident memory (VmHWM) is sampled while it runs.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private exit: Promise<number | null> = Promise.resolve(null);
  private attempts = 0;
  private readonly peaks: ProcessMemory[] = [];
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    readonly definition: ServiceDefinition,
    private readonly options: ServiceProcessOptions,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Path of the current (or last) attempt's log. */
  get logFile(): string {
    return join(this.options.logDirectory, `${this.name}.${this.attempts}.log`);
  }

  /** Spawns the process and resolves once it is ready; rejects if it exits or times out first. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.attempts += 1;
    const log = createWriteStream(this.logFile);
    const child = spawn(
      process.execPath,
      [
        ...SERVICE_NODE_FLAGS,
        '-r',
        '@swc-node/register',
        this.definition.entry,
        ...(this.definition.args ?? []),
      ],
      {
        cwd: this.options.repositoryRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.definition.environment },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.child = child;
    this.log = log;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.sampler = setInterval(() => this.sample(), 500);
    await this.awaitReady(child);
  }

  private async awaitReady(child: ChildProcess): Promise<void> {
    const timeout = this.options.readyTimeoutMs ?? 90_000;
    const deadline = Date.now() + timeout;
    const pid = child.pid ?? -1;
    let exited = false;
    void this.exit.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited)
        throw new Error(
          `${this.name} exited before it was ready (exit ${String(child.exitCode)}); see ${this.logFile}`,
        );
      if (await this.isReady({ pid, attempt: this.attempts })) return;
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready within ${timeout} ms; see ${this.logFile}`);
  }

  private async isReady(attempt: ServiceAttempt): Promise<boolean> {
    const readiness = this.definition.readiness;
    switch (readiness.kind) {
      case 'none':
        return true;
      case 'http':
        return fetch(readiness.url, { signal: AbortSignal.timeout(2000) }).then(
          () => true,
          () => false,
        );
      case 'probe':
        return readiness.ready(attempt).catch(() => false);
    }
  }

  private sample(): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    const memory = readPeakMemory(pid);
    if (memory === null) return;
    const last = this.peaks[this.attempts - 1];
    if (last === undefined || memory.peakResidentKb >= last.peakResidentKb)
      this.peaks[this.attempts - 1] = memory;
  }

  /** The highest peak resident set size any start of this service reached, in kB (null before the first sample). */
  peakResidentKb(): number | null {
    this.sample();
    const peaks = this.peaks.filter((peak) => peak !== undefined).map((peak) => peak.peakResidentKb);
    return peaks.length === 0 ? null : Math.max(...peaks);
  }

  /** CPU seconds (user + system) of the current start; null when not running. */
  cpuSeconds(): number | null {
    const pid = this.child?.pid;
    return pid === undefined || !this.running ? null : readCpuSeconds(pid);
  }

  /** SIGKILL: the process dies mid-work, without committing offsets or leaving its consumer group. */
  async kill(): Promise<void> {
    this.sample();
    this.child?.kill('SIGKILL');
    await this.exit;
    this.cleanUp();
  }

  /** SIGTERM and wait (graceful shutdown); SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<number | null> {
    if (!this.running) {
      this.cleanUp();
      return this.child?.exitCode ?? null;
    }
    this.sample();
    this.child?.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
    );
    const code = await Promise.race([this.exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      this.child?.kill('SIGKILL');
      await this.exit;
    }
    this.cleanUp();
    return code === 'timeout' ? null : code;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private cleanUp(): void {
    if (this.sampler !== undefined) clearInterval(this.sampler);
    this.sampler = undefined;
    this.log?.end();
    this.log = undefined;
  }
}
