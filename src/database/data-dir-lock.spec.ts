import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-lock-'));
  dirs.push(dir);
  return dir;
};
/** A real process that runs until `stop` (or for `seconds`). */
const live = (seconds = 30) => {
  const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
  children.push(child);
  return child;
};
/** The pid of a process that has ended. */
const gone = async () => {
  const child = spawn('true', { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
};
const lockFile = (dir: string) => join(dir, 'bundlestream.pid');

afterAll(() => {
  for (const child of children) child.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database directory lock', () => {
  it('names the service and its database process, and is gone once released', async () => {
    const dir = dataDir();
    const lock = await lockDataDir(dir);
    await lock.alsoHeldBy(4242);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${process.pid}\n4242\n`);
    await lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('refuses a directory whose service still runs', async () => {
    const dir = dataDir();
    const service = live();
    writeFileSync(lockFile(dir), `${service.pid}\n${await gone()}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(`in use by process ${service.pid}`);
  });

  it('takes over a lock whose holders have all ended', async () => {
    const dir = dataDir();
    writeFileSync(lockFile(dir), `${await gone()}\n${await gone()}\n`);
    const lock = await lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('waits, after its service was killed, for the database process still finishing a statement', async () => {
    const dir = dataDir();
    const database = live(1);
    let ended = false;
    database.once('exit', () => (ended = true));
    writeFileSync(lockFile(dir), `${await gone()}\n${database.pid}\n`);
    const lock = await lockDataDir(dir);
    expect(ended).toBe(true);
    await lock.release();
  });
});
