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
