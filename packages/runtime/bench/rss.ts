/**
 * Resident memory of a bench server process, read from /proc (Linux): `VmRSS` now and `VmHWM`, the peak
 * since it started. undefined where /proc is missing. The server process holds the runtime service, the
 * bare baseline app and the pool they share, and runs TypeScript through tsx (a compiled service is smaller).
 */
import { readFileSync } from 'node:fs';

function statusField(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Current resident set size in MB. */
export const rssMb = (pid: number | undefined) => statusField(pid, 'VmRSS');
/** Peak resident set size since the process started, in MB. */
export const peakRssMb = (pid: number | undefined) => statusField(pid, 'VmHWM');
