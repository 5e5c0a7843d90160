import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { serviceArgs } from '../bench/service-args.js';
import { eventually } from './support/eventually.js';
import { importEnded } from './support/manifest-client.js';
import { ScratchDirs } from './support/scratch-dirs.js';

// Runs the built service (`npm test` builds first) exactly as `npm start` does.
const MAIN = new URL('../dist/src/main.js', import.meta.url).pathname;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never saw ${pattern}:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

/** Each thread of process `pid`: its name and niceness, from /proc. */
function threadsOf(pid: number): { name: string; nice: number }[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3, state
      return [{ name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), nice: Number(fields[16]) }];
    } catch {
      return []; // ended meanwhile
    }
  });
}

const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

describe('the service process', () => {
  const scratch = new ScratchDirs();
  afterAll(() => scratch.removeAll());

  it('built output exists', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('starts in the container with the Node flags of npm start', () => {
    const dockerfile = readFileSync(new URL('../docker/Dockerfile', import.meta.url), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd).toEqual(['node', ...serviceArgs('dist/src/main.js')]);
  });

  it('refuses bad settings at start-up, naming each key, with exit code 78', async () => {
    const p = start({ PORT: 'abc', API_KEYS: 'short' });
    expect((await p.exited).code).toBe(78);
    expect(p.output()).toMatch(/Invalid configuration:\n\s+- PORT: /);
    expect(p.output()).not.toMatch(/at .*\.js:\d+/); // a message, not a stack trace
  });

  it('starts on the embedded default, prints its URL and development key, and stops cleanly on SIGTERM', async () => {
    const dataDir = scratch.make('bundlestream-process-');
    const p = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const [, url] = await p.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, key] = await p.waitFor(/Development API key \(embedded default only\): (dev_[\w-]+)/);

    const created = await fetch(`${url}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'file:///a.txt' }] }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);

    p.child.kill('SIGTERM');
    // Handled, not just killed: a process that died of the signal would report it here.
    const { code, signal } = await p.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(p.output()).toMatch(/stopped cleanly/);
    expect(p.output()).not.toMatch(/"level":(50|60)/); // no error or fatal line on the way down
  });

  it('runs its bulk work one step below the thread serving HTTP: parsing threads and the embedded database', async () => {
    const dataDir = scratch.make('bundlestream-process-');
    const key = 'process-test-key-0123456789';
    const p = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS: key });
    try {
      const [, url] = await p.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      // An import starts the parsing threads; they stay for a while after it.
      const res = await fetch(`${url}/v1/bundles/import`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' }, body: 'src\ns3://process-bucket/a.bin\n' });
      const { id, secret } = (await res.json()) as { id: string; secret: string };
      expect((await importEnded(url, id, secret)).state).toBe('succeeded');

      const service = threadsOf(p.child.pid!);
      const niceOf = (name: string) => [...new Set(service.filter((t) => t.name === name).map((t) => t.nice))];
      expect(niceOf('MainThread')).toEqual([0]);
      expect(niceOf('libuv-worker')).toEqual([0]); // file reads and writes serve requests
      expect(niceOf('V8Worker')).toEqual([0]); // lowered, they let the heap grow under downloads (bench/RESULTS.md)
      expect(niceOf('WorkerThread')).toEqual([10]); // the parsing threads
      const [database] = childrenOf(p.child.pid!);
      expect(database).toBeDefined();
      expect([...new Set(threadsOf(database).map((t) => t.nice))]).toEqual([10]);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });

  it('leaves no socket directory behind when the service is killed: the embedded database removes it as it ends', async () => {
    const p = start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: scratch.make('bundlestream-process-'), API_KEYS: 'process-test-key-0123456789' });
    await p.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [database] = childrenOf(p.child.pid!);
    const settings = readFileSync(`/proc/${database}/environ`, 'utf8').split('\0').find((v) => v.startsWith('BUNDLESTREAM_EMBEDDED_DB='))!;
    const socketDir = dirname((JSON.parse(settings.slice(settings.indexOf('=') + 1)) as { path: string }).path);
    expect(existsSync(socketDir)).toBe(true);

    p.child.kill('SIGKILL'); // no chance to clean up after itself
    expect((await p.exited).signal).toBe('SIGKILL');
    await eventually(() => !existsSync(`/proc/${database}`), 10_000, 'the embedded database to end with the service');
    expect(existsSync(socketDir)).toBe(false);
  });

  it('fails the imports of a killed service once stale, when it starts again, instead of reporting them running for ever', async () => {
    const dataDir = scratch.make('bundlestream-process-');
    const key = 'process-test-key-0123456789';
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS: key, IMPORT_ANSWER_WITHIN_MS: '0', IMPORT_STALE_SECONDS: '3' };
    const first = start(env);
    const [, url] = await first.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    let csv = 'src\n';
    for (let i = 0; i < 200_000; i++) csv += `s3://process-bucket/k/${i}.bin\n`;
    const res = await fetch(`${url}/v1/bundles/import`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' }, body: csv });
    expect(res.status).toBe(202);
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const again = start(env);
    try {
      const [, url2] = await again.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      // Polled as a client polls (stale after 3 s without a sign of life, looked for every 0.5 s).
      const seen = await importEnded(url2, id, secret, 30_000);
      expect(seen).toMatchObject({ state: 'failed', problem: { code: 'SERVICE_UNAVAILABLE', detail: expect.stringMatching(/stopped before it ended/) } });
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 90_000);
});
