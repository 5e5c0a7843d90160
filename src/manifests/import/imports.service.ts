import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Bundle } from '../../bundles/bundle.js';
import { BundlesService, type CreateBundleInput } from '../../bundles/bundles.service.js';
import type { NewBundle } from '../../bundles/persistence/bundle.repository.js';
import { Clock } from '../../common/clock.js';
import { digestsEqual, sha256 } from '../../common/digest.js';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../problems/domain-error.js';
import { ImportLeases } from './import-leases.js';
import { ImportQueue } from './import-queue.js';
import type { ImportRecord, NewBundleSettings } from './import-record.js';
import { ImportRunner } from './import-runner.js';
import { ImportSpool } from './import-spool.js';
import { ImportRepository } from './persistence/import.repository.js';

export type ImportTarget = { readonly kind: 'append'; readonly bundle: Bundle } | { readonly kind: 'create'; readonly owner: string | null; readonly settings: NewBundleSettings };

export interface StartedImport {
  /** As it stood when the answer was due: finished if the import was short. */
  readonly record: ImportRecord;
  /** The new bundle's secret (create only), shown once. */
  readonly secret?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_SECRET = sha256('no import has this secret');

/** Takes spreadsheets in, queues their imports (bounded), and reports them. */
@Injectable()
export class ImportsService implements BeforeApplicationShutdown {
  private readonly queue: ImportQueue;
  /** This instance's imports, queued or running, to stop at shutdown. */
  private readonly here = new Map<string, AbortController>();
  /** Their ends, awaited at shutdown: an import's last statements must not meet a closed database. */
  private readonly ending = new Set<Promise<unknown>>();

  constructor(
    private readonly repo: ImportRepository,
    private readonly runner: ImportRunner,
    private readonly spool: ImportSpool,
    private readonly leases: ImportLeases,
    private readonly bundles: BundlesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.queue = new ImportQueue(config.imports.concurrency, config.imports.queueMax);
  }

  /** 503 with Retry-After when no import could be queued now: checked before the body is read. */
  assertRoom(): void {
    if (!this.queue.hasRoom()) {
      throw new DomainError('SERVICE_UNAVAILABLE', `${this.config.imports.queueMax} imports are waiting already; try again later`, {
        headers: { 'Retry-After': String(this.config.imports.retryAfterSeconds) },
      });
    }
  }

  /** Checks what can be checked before the body is read: the new bundle's settings. */
  draft(target: ImportTarget): { bundle: NewBundle; secret: string } | undefined {
    if (target.kind === 'append') return undefined;
    const { expiresAt, ...rest } = target.settings;
    const input: Omit<CreateBundleInput, 'files'> = { ...rest, owner: target.owner, expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt) };
    return this.bundles.draft(input, this.clock.now());
  }

  /** Queues the import of a spooled file (which it then owns), and answers within IMPORT_ANSWER_WITHIN_MS. */
  async start(target: ImportTarget, draft: { bundle: NewBundle; secret: string } | undefined, path: string): Promise<StartedImport> {
    const now = this.clock.now();
    const record: ImportRecord = {
      id: randomUUID(),
      kind: target.kind,
      bundleId: target.kind === 'append' ? target.bundle.id : draft!.bundle.id,
      secretHash: target.kind === 'append' ? target.bundle.secretHash : draft!.bundle.secretHash,
      owner: target.kind === 'append' ? target.bundle.owner : target.owner,
      settings: target.kind === 'create' ? target.settings : null,
      state: 'queued',
      rowsRead: 0,
      rowsImported: null,
      errors: [],
      problem: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    const room = this.config.bundles.maxFilesPerBundle - (target.kind === 'append' ? target.bundle.fileCount : 0);
    const stop = new AbortController();
    let admit!: (go: boolean) => void;
    const admitted = new Promise<boolean>((resolve) => (admit = resolve));
    const done = this.queue.offer(async () => {
      try {
        if (!(await admitted) || stop.signal.aborted) return undefined;
        return await this.runner.run(record, path, draft?.bundle ?? null, room, stop.signal);
      } finally {
        this.here.delete(record.id);
        this.leases.release(record.id);
        await this.spool.remove(path);
      }
    });
    if (!done) {
      await this.spool.remove(path);
      this.assertRoom();
      throw new Error('the import queue refused a task it had room for');
    }
    // Answered or not, the import's end is awaited by nobody else: it must never reject unheard.
    const ended = done.catch(() => undefined);
    this.ending.add(ended);
    void ended.then(() => this.ending.delete(ended));
    this.here.set(record.id, stop);
    this.leases.hold(record.id);
    try {
      await this.repo.insert(record);
      admit(true);
    } catch (err) {
      admit(false);
      throw err;
    }
    await Promise.race([done, delay(this.config.imports.answerWithinMs, undefined, { ref: false })]);
    // As stored: finished (with its times) if the import was short, else as far as it got.
    return { record: (await this.repo.find(record.id)) ?? record, secret: draft?.secret };
  }

  /** The import, to whoever holds its bundle's secret; an unknown id and a wrong secret answer alike. */
  async find(id: string, secret: string | undefined): Promise<ImportRecord> {
    const record = UUID.test(id) ? await this.repo.find(id) : null;
    const matches = digestsEqual(sha256(secret ?? ''), record?.secretHash ?? NO_SECRET);
    if (!record || !matches || !secret) throw new DomainError('IMPORT_NOT_FOUND');
    return record;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const unfinished = [...this.here.keys()];
    for (const stop of this.here.values()) stop.abort('shutdown');
    // A running import stops at its next batch and records why; one that was moving its rows in finishes.
    await Promise.all(this.ending);
    await this.repo.abandon(unfinished, 'The service stopped before the import ran; send it again', this.clock.now());
  }
}
