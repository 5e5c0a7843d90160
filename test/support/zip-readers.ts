import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ZIPCHECK = new URL('./zipcheck.py', import.meta.url).pathname;

export interface ZipCheck {
  bad: string | null;
  entries: { name: string; utf8: boolean; size: number; method: number; sha256: string; zip64_extra: boolean }[];
  zip64_end: boolean;
}

/** Info-ZIP's own test of every entry; resolves with its output, rejects on any error. */
export async function unzipTest(path: string): Promise<string> {
  const { stdout } = await run('unzip', ['-tq', path], { maxBuffer: 64 << 20 });
  return stdout;
}

/** Python's zipfile: CRCs, names, flags and a SHA-256 per entry. */
export async function pythonZipCheck(path: string): Promise<ZipCheck> {
  const { stdout } = await run('python3', [ZIPCHECK, path], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout) as ZipCheck;
}
