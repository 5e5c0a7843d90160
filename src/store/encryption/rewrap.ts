import { Injectable, Logger } from '@nestjs/common';
import { StoredFileRepository } from '../persistence/stored-file.repository.js';
import { KeyWrapper } from './key-wrapper.js';

export interface RewrapReport {
  readonly kid: string;
  readonly rewrapped: number;
  /** Keys still under another master key: an upload that moved on meanwhile. Run again. */
  readonly left: number;
}

const BATCH = 500;

/**
 * Wraps every data key (stored files and unfinished uploads) under the current
 * master key. Content is not touched: a data key is unwrapped and wrapped
 * again, and written only if nobody changed it meanwhile. Afterwards older
 * master keys can be removed from the settings.
 */
@Injectable()
export class Rewrapper {
  private readonly logger = new Logger(Rewrapper.name);

  constructor(
    private readonly repo: StoredFileRepository,
    private readonly wrapper: KeyWrapper,
  ) {}

  async run(): Promise<RewrapReport> {
    const kid = this.wrapper.currentKid;
    if (kid === undefined) throw new Error('STORE_ENCRYPTION_KEYS is empty: there is no current master key to rewrap under');
    const tried = new Set<string>();
    let rewrapped = 0;
    for (;;) {
      const batch = (await this.repo.keysNotUnder(kid, BATCH)).filter((h) => !tried.has(`${h.kind}:${h.id}`));
      if (batch.length === 0) break;
      for (const holder of batch) {
        tried.add(`${holder.kind}:${holder.id}`);
        const dataKey = await this.wrapper.unwrap(holder.key, holder.id);
        if (await this.repo.replaceKey(holder, await this.wrapper.wrap(dataKey, holder.id))) rewrapped += 1;
      }
      this.logger.log(`${rewrapped} data keys rewrapped under ${kid} so far`);
    }
    const left = (await this.repo.keysNotUnder(kid, BATCH)).length;
    return { kid, rewrapped, left };
  }
}
