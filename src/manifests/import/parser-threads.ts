import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { ParseJob, ServiceMessage, WorkerMessage } from './parsing/worker-messages.js';

/** How long a parsing thread waits for the next file before it ends. */
const IDLE_MS = 60_000;

type Delivery = WorkerMessage | { readonly type: 'crashed'; readonly error: Error };

/** One worker thread that parses files one after another, with the heap it was started with. */
export class ParserThread {
  private readonly worker: Worker;
  private readonly inbox: Delivery[] = [];
  private wake: (() => void) | undefined;
  private dead = false;
  idle: NodeJS.Timeout | undefined;

  constructor(readonly heapMb: number, youngMb: number) {
    this.worker = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngMb } });
    const deliver = (m: Delivery) => {
      this.inbox.push(m);
      this.wake?.();
    };
    this.worker.on('message', (m: WorkerMessage) => deliver(m));
    this.worker.on('error', (error) => deliver({ type: 'crashed', error }));
    this.worker.on('exit', (code) => {
      this.dead = true;
      deliver({ type: 'crashed', error: new Error(`the parser exited (${code})`) });
    });
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** The worker's messages about `job`, up to and including the one that ends it (or its crash). */
  async *parse(job: ParseJob): AsyncGenerator<Delivery> {
    this.post({ job });
    for (;;) {
      if (this.inbox.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      const message = this.inbox.shift()!;
      yield message;
      if (message.type !== 'batch') return;
    }
  }

  more(): void {
    this.post('more');
  }

  /** While idle the thread does not keep the process alive. */
  hold(held: boolean): void {
    if (held) this.worker.ref();
    else this.worker.unref();
  }

  async end(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private post(message: ServiceMessage): void {
    this.worker.postMessage(message);
  }
}

/**
 * The parsing threads, kept between imports: starting one and loading its
 * modules costs about 100 ms of CPU, which every import paid while the service
 * answered requests on the same cores. Threads are kept per heap size (a CSV's
 * is smaller than an XLSX's), at most IMPORT_CONCURRENCY idle ones, each for a
 * minute; one that crashed, or whose file was left half read, is ended.
 */
@Injectable()
export class ParserThreads implements OnApplicationShutdown {
  private readonly idle: ParserThread[] = [];
  private readonly busy = new Set<ParserThread>();

  constructor(private readonly config: AppConfig) {}

  take(heapMb: number, youngMb: number): ParserThread {
    const at = this.idle.findIndex((t) => t.heapMb === heapMb && t.alive);
    const thread = at >= 0 ? this.idle.splice(at, 1)[0] : new ParserThread(heapMb, youngMb);
    clearTimeout(thread.idle);
    thread.hold(true);
    this.busy.add(thread);
    return thread;
  }

  /** Back from a file: kept for the next one when it read that file to its end. */
  give(thread: ParserThread, reusable: boolean): Promise<void> {
    this.busy.delete(thread);
    if (!reusable || !thread.alive || this.idle.length >= this.config.imports.concurrency) return thread.end();
    thread.hold(false);
    thread.idle = setTimeout(() => this.retire(thread), IDLE_MS).unref();
    this.idle.push(thread);
    return Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.idle.splice(0), ...this.busy];
    for (const thread of all) clearTimeout(thread.idle);
    await Promise.all(all.map((t) => t.end()));
  }

  private retire(thread: ParserThread): void {
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
    void thread.end();
  }
}

/**
 * The worker's compiled file. Under the test runner this module is TypeScript
 * in src/, and a worker thread cannot load that: it runs the build's copy.
 */
function workerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./parsing/parse-worker.js', import.meta.url);
  const root = here.slice(0, here.lastIndexOf('/src/'));
  const built = join(root, 'dist', relative(root, dirname(here)), 'parsing', 'parse-worker.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
  return pathToFileURL(built);
}
