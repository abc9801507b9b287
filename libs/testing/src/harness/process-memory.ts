import { readFileSync } from 'node:fs';

/** Memory of a Linux process as `/proc/<pid>/status` reports it. */
export interface ProcessMemory {
  /** VmHWM: the peak resident set size so far, in kB. */
  readonly peakResidentKb: number;
  /** VmRSS: the resident set size now, in kB. */
  readonly residentKb: number;
}

function field(status: string, name: string): number | null {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Null when the process is gone or the platform has no `/proc`. */
export function readPeakMemory(pid: number): ProcessMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const peakResidentKb = field(status, 'VmHWM');
  const residentKb = field(status, 'VmRSS');
  return peakResidentKb === null || residentKb === null ? null : { peakResidentKb, residentKb };
}

/** Linux reports process times in clock ticks; 100 per second on every common kernel configuration. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used so far, in seconds; null when it is gone. */
export function readCpuSeconds(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / CLOCK_TICKS_PER_SECOND : null;
}
