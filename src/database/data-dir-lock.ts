import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One process at a time on an embedded database directory: two would write
 * the same files. The lock is a file naming its holder's pid; a holder that
 * no longer runs (killed, crashed) leaves a lock the next start takes over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'bundlestream.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && running(holder)) {
        throw new Error(`the embedded database in ${dir} is in use by process ${holder}; stop that process first, or use another DATA_DIR`);
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock the embedded database in ${dir}`);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
