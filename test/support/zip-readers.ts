import { type ChildProcessByStdio, type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ZIPCHECK = new URL('./zipcheck.py', import.meta.url).pathname;

export interface ZipCheck {
  bad: string | null;
  entries: { name: string; utf8: boolean; size: number; method: number; compressed: number; sha256: string | null; zip64_extra: boolean }[];
  zip64_end: boolean;
}

/** Info-ZIP's own test of every entry; resolves with its output, rejects on any error. */
export async function unzipTest(path: string): Promise<string> {
  const { stdout } = await run('unzip', ['-tq', path], { maxBuffer: 64 << 20 });
  return stdout;
}

/**
 * Python's zipfile: CRCs, names, flags and a SHA-256 per entry. `directory`: the
 * central directory alone (sizes, methods, zip64 fields; no data read, `sha256` null),
 * for a zip whose bytes another reader checks.
 */
export async function pythonZipCheck(path: string, { directory = false } = {}): Promise<ZipCheck> {
  const { stdout } = await run('python3', [ZIPCHECK, ...(directory ? ['--directory'] : []), path], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout) as ZipCheck;
}

export interface StreamedEntry {
  name: string;
  size: number;
  sha256: string;
  /** Unix seconds, as the reader understood the entry's time; -1 when it found none. */
  mtime: number;
}

const JAVA_SOURCE = new URL('./java/StreamCheck.java', import.meta.url).pathname;
const COMMONS_COMPRESS = '/usr/share/java/commons-compress.jar';
let compiled: Promise<string> | undefined;
/** Where compiled classes are kept between runs, one directory per version of the source. */
const JAVA_CACHE = new URL('../../node_modules/.cache/bundlestream-java/', import.meta.url).pathname;

/** StreamCheck.java compiled once (per source), kept for later runs and test processes. */
function javaClasses(): Promise<string> {
  compiled ??= (async () => {
    const dir = join(JAVA_CACHE, createHash('sha256').update(readFileSync(JAVA_SOURCE)).digest('hex').slice(0, 16));
    if (existsSync(join(dir, 'StreamCheck.class'))) return dir;
    mkdirSync(JAVA_CACHE, { recursive: true });
    // Compiled aside, then moved in whole: test processes compiling at once never see half of it.
    const aside = mkdtempSync(join(JAVA_CACHE, 'compiling-'));
    await run('javac', ['-cp', COMMONS_COMPRESS, '-d', aside, JAVA_SOURCE]);
    try {
      renameSync(aside, dir);
    } catch {
      rmSync(aside, { recursive: true, force: true }); // another process got there first
    }
    return dir;
  })();
  return compiled;
}

function parseLines(stdout: string): StreamedEntry[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, size, sha256, mtime] = line.split('\t');
      return { name, size: Number(size), sha256, mtime: Number(mtime) };
    });
}

/**
 * Java's streaming readers, front to back as a consumer of an HTTP response reads:
 * `jdk` is java.util.zip.ZipInputStream, `commons` Apache Commons Compress's
 * ZipArchiveInputStream. The zip comes from a file or a readable (a response).
 */
export async function javaStreamRead(reader: 'jdk' | 'commons', zip: string | Readable): Promise<StreamedEntry[]> {
  const classes = await javaClasses();
  const child = spawn('java', ['-cp', `${classes}:${COMMONS_COMPRESS}`, 'StreamCheck', reader], { stdio: ['pipe', 'pipe', 'pipe'] });
  return parseLines(await feedAndCollect(child, zip, `java ${reader}`));
}

/** libarchive's streaming reader: `bsdtar -xf -` from a pipe, then each extracted file's SHA-256 and time. */
export async function bsdtarStreamRead(zip: string | Readable): Promise<StreamedEntry[]> {
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-bsdtar-'));
  try {
    const child = spawn('bsdtar', ['-xf', '-', '-C', out], { stdio: ['pipe', 'pipe', 'pipe'] });
    await feedAndCollect(child, zip, 'bsdtar');
    const entries: StreamedEntry[] = [];
    for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(out, name);
      const st = statSync(path);
      if (!st.isFile()) continue;
      entries.push({ name, size: st.size, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtime: Math.floor(st.mtimeMs / 1000) });
    }
    return entries;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** 7-Zip's own test of every entry; rejects on any error or warning. */
export async function sevenZipTest(path: string): Promise<string> {
  const { stdout } = await run('7z', ['t', path], { maxBuffer: 64 << 20 });
  if (!/Everything is Ok/.test(stdout) || /Warning/i.test(stdout)) throw new Error(`7z: ${stdout}`);
  return stdout;
}

async function feedAndCollect(child: ChildProcessWithoutNullStreams | ChildProcessByStdio<Writable, Readable, Readable>, zip: string | Readable, label: string): Promise<string> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const source = typeof zip === 'string' ? createReadStream(zip) : zip;
  // A reader that gives up early closes its stdin: that is its verdict, not ours.
  await pipeline(source, child.stdin).catch(() => undefined);
  const code = await exited;
  if (code !== 0) throw new Error(`${label} exited ${code}: ${Buffer.concat(stderr).toString()}`);
  return Buffer.concat(stdout).toString('utf8');
}

/** libarchive streaming every entry to standard output: the count and SHA-256 of all entries' bytes, one after another. */
export async function bsdtarStreamDigest(zip: string | Readable): Promise<{ bytes: number; sha256: string }> {
  const child = spawn('bsdtar', ['-xOf', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const digest = createHash('sha256');
  let bytes = 0;
  const stdout = child.stdout as Readable;
  const stderr: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => stderr.push(c));
  stdout.on('data', (c: Buffer) => {
    digest.update(c);
    bytes += c.length;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  await pipeline(typeof zip === 'string' ? createReadStream(zip) : zip, child.stdin).catch(() => undefined);
  const code = await exited;
  if (code !== 0) throw new Error(`bsdtar exited ${code}: ${Buffer.concat(stderr).toString()}`);
  return { bytes, sha256: digest.digest('hex') };
}
