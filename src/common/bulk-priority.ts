import { readdirSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The niceness of the service's bulk work: parsing imports and the embedded database.
 * One step below the thread that serves HTTP, so that it wins a contended core; bulk
 * work still has every cycle that thread leaves idle.
 */
export const BULK_NICENESS = 10;

/** The calling thread (a parsing thread) becomes bulk work. */
export function lowerThisThread(): void {
  const tid = Number(/task\/(\d+)$/.exec(tryRead(() => readlinkSync('/proc/thread-self')) ?? '')?.[1]);
  if (tid) lower(tid);
}

/**
 * Every thread of process `pid` (the embedded database's) becomes bulk work, including
 * those it started before it was asked (where /proc lists them; elsewhere the process
 * itself).
 */
export function lowerProcess(pid: number): void {
  const tasks = tasksOf(pid);
  for (const tid of tasks.length > 0 ? tasks : [pid]) lower(tid);
}

function tasksOf(pid: number): number[] {
  return (tryRead(() => readdirSync(`/proc/${pid}/task`)) ?? []).map(Number).filter((tid) => tid > 0);
}

function lower(tid: number): void {
  try {
    setPriority(tid, BULK_NICENESS);
  } catch {
    // gone, or not permitted: it keeps the service's own priority
  }
}

/** Linux's /proc, or nothing elsewhere (or once the thread is gone). */
function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
