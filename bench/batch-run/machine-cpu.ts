import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process and machine times in clock ticks; 100 per second on every common configuration. */
const TICKS_PER_SECOND = 100;

/** CPU seconds the run cost outside the services: the database, the broker and the whole machine. */
export interface MachineCpu {
  /** Busy time of every core (user, system, irq, steal; not idle or iowait). */
  readonly machineBusy: number;
  /** Every `postgres` process, plus the exited backends its postmaster collected. */
  readonly postgres: number;
  /** The Kafka broker's JVM (a `java` process running `kafka.Kafka`). */
  readonly kafka: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

interface ProcessTimes {
  readonly command: string;
  readonly ownTicks: number;
  readonly childrenTicks: number;
}

function processTimes(pid: string): ProcessTimes | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
  return { command, ownTicks: utime + stime, childrenTicks: cutime + cstime };
}

function machineBusyTicks(): number {
  const first = (readText('/proc/stat') ?? '').split('\n')[0] ?? '';
  const [, ...values] = first.trim().split(/\s+/);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values.map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** A snapshot of the counters; subtract two to get what happened in between. */
export function readMachineCpu(): MachineCpu {
  let postgres = 0;
  let kafka = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const times = processTimes(pid);
    if (times === null) continue;
    if (times.command === 'postgres') {
      // The postmaster's children times hold the backends that already exited; live ones count their own.
      const isPostmaster = !(readText(`/proc/${pid}/cmdline`) ?? '').startsWith('postgres: ');
      postgres += times.ownTicks + (isPostmaster ? times.childrenTicks : 0);
    } else if (times.command === 'java' && (readText(`/proc/${pid}/cmdline`) ?? '').includes('kafka.Kafka')) {
      kafka += times.ownTicks;
    }
  }
  return {
    machineBusy: machineBusyTicks() / TICKS_PER_SECOND,
    postgres: postgres / TICKS_PER_SECOND,
    kafka: kafka / TICKS_PER_SECOND,
  };
}

export function cpuBetween(before: MachineCpu, after: MachineCpu): MachineCpu {
  return {
    machineBusy: after.machineBusy - before.machineBusy,
    postgres: after.postgres - before.postgres,
    kafka: after.kafka - before.kafka,
  };
}
