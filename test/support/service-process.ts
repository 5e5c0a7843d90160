import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceArgs } from '../../bench/service-args.js';

// The built service (`npm test` builds first), run exactly as `npm start` runs it (its Node flags too).
const MAIN = new URL('../../dist/src/main.js', import.meta.url).pathname;

export interface ServiceProcess {
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in KiB. */
  rssKiB(): number;
  /** Bytes the process has written so far (files and sockets alike: /proc/<pid>/io wchar). */
  bytesSent(): number;
  /** Bytes the process has read so far (files and sockets alike: /proc/<pid>/io rchar). */
  bytesReceived(): number;
  /** The inspector's WebSocket URL, when started with `inspect`. */
  readonly inspectorUrl: string | undefined;
  /** Stops it (SIGTERM); resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the service in a process of its own, so that its RSS is its alone; embedded database.
 * `inspect`: with Node's inspector on a loopback port of its own (test/support/inspector.ts).
 */
export async function startServiceProcess(env: Record<string, string>, { inspect = false } = {}): Promise<ServiceProcess> {
  // A DATA_DIR given is the caller's, kept after the stop (for a later process on the same data).
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bundlestream-process-'));
  const args = serviceArgs(MAIN);
  const child = spawn(process.execPath, inspect ? ['--inspect=127.0.0.1:0', ...args] : args, {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-8192)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => {
    child.kill('SIGTERM');
    return exited.finally(() => env.DATA_DIR ?? rmSync(dataDir, { recursive: true, force: true }));
  };
  const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
  const inspector = /Debugger listening on (ws:\/\/\S+)/;
  const deadline = Date.now() + 60_000;
  while (!listening.test(output) || (inspect && !inspector.test(errors))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the service did not start:\n${output}\n${errors}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    url: listening.exec(output)![1],
    pid,
    inspectorUrl: inspector.exec(errors)?.[1],
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]),
    bytesSent: () => Number(/wchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]),
    bytesReceived: () => Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]),
    stop,
  };
}

/** Runs a built entry point (`dist/src/...`) to its end, as an operator would. */
export async function runBuilt(entry: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [new URL(`../../dist/src/${entry}`, import.meta.url).pathname], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}
