import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PeriodicTask } from '../../common/periodic-task.js';
import { AppConfig } from '../../config/app-config.js';
import { ImportRepository } from './persistence/import.repository.js';

/** How many heartbeats fit in IMPORT_STALE_SECONDS: a few missed ones do not fail an import. */
const BEATS_PER_STALE = 6;
const STALE_DETAIL = 'The instance running the import stopped before it ended (killed, or lost); nothing was imported; send it again';

/**
 * An import queued or running here is marked alive in the database at every
 * batch and, between batches or while it waits its turn, at every heartbeat
 * (IMPORT_STALE_SECONDS / 6). One left by an instance that stopped without a
 * word (killed, crashed, its machine lost) is no longer marked: once that is
 * IMPORT_STALE_SECONDS ago, whichever instance looks first fails it and drops
 * its staged rows, so that whoever polls it is told to send it again rather
 * than shown "running" for ever. A late batch or commit of the stopped
 * instance then finds it failed and changes nothing.
 */
@Injectable()
export class ImportLeases implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportLeases.name);
  private readonly held = new Set<string>();
  private readonly task = new PeriodicTask('import heartbeat', () => this.beatOnce(), this.logger);

  constructor(
    private readonly repo: ImportRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** From its insert to its end: the import is this instance's to keep alive. */
  hold(id: string): void {
    this.held.add(id);
  }

  release(id: string): void {
    this.held.delete(id);
  }

  onApplicationBootstrap(): void {
    // The first beat comes one interval after the start, so that none is in flight while the
    // application is still settling; what a previous run left is failed by the first beat after it went stale.
    this.task.start((this.config.imports.staleSeconds * 1000) / BEATS_PER_STALE);
  }

  /** Before the database closes: a beat under way ends first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Touches the imports held here, then fails the stale ones; a beat under way is joined, not repeated. */
  beat(): Promise<void> {
    return this.task.run();
  }

  private async beatOnce(): Promise<void> {
    await this.repo.touch([...this.held]);
    const failed = await this.repo.failStale(this.config.imports.staleSeconds, STALE_DETAIL, this.clock.now());
    if (failed.length > 0) this.logger.warn({ imports: failed }, 'failed imports left by a stopped instance');
  }
}
