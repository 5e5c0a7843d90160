import { appendFile, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** How long a start waits for the database process of a killed service to end. */
const ORPHAN_WAIT_MS = 10_000;

export interface DataDirLock {
  /** Names another process that writes the directory (the database's own): the lock holds while either runs. */
  alsoHeldBy(pid: number): Promise<void>;
  release(): Promise<void>;
}

/**
 * One process at a time on an embedded database directory: two would write
 * the same files. The lock is a file naming its holders' pids, one a line (the
 * service's, then its database process's); one left by holders that no longer
 * run (killed, crashed) is taken over by the next start. A database process
 * that outlives its killed service for a moment, finishing a statement, still
 * holds it.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const path = join(dir, 'bundlestream.pid');
  const deadline = Date.now() + ORPHAN_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        alsoHeldBy: (pid) => appendFile(path, `${pid}\n`),
        release: () => rm(path, { force: true }),
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
    const [service, ...others] = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
    const live = (pid: number | undefined) => pid !== undefined && Number.isInteger(pid) && pid > 0 && pid !== process.pid && running(pid);
    if (live(service)) throw new Error(`the embedded database in ${dir} is in use by process ${service}; stop that process first, or use another DATA_DIR`);
    const orphan = others.find(live);
    if (orphan !== undefined) {
      // The service was killed; its database process ends as soon as its statement does.
      if (Date.now() > deadline) throw new Error(`the embedded database in ${dir} is still written by process ${orphan}, left by a stopped service; stop it first`);
      await delay(100);
      continue;
    }
    await rm(path, { force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
