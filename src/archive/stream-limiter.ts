import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';

/**
 * Caps concurrent archive streams, in all and per API key, so that a burst sheds
 * load with a clear 503 instead of slowing every download down.
 */
@Injectable()
export class StreamLimiter {
  private active = 0;
  private readonly perKey = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  /** Takes a slot or throws SERVICE_UNAVAILABLE; call the returned function exactly once to give it back. */
  acquire(keyId: string | undefined): () => void {
    const { maxStreams, maxStreamsPerKey, retryAfterSeconds } = this.config.archive;
    const headers = { 'Retry-After': String(retryAfterSeconds) };
    if (this.active >= maxStreams) {
      throw new DomainError('SERVICE_UNAVAILABLE', `${maxStreams} archives are streaming; try again shortly`, { headers });
    }
    const keyActive = keyId === undefined ? 0 : (this.perKey.get(keyId) ?? 0);
    if (keyId !== undefined && keyActive >= maxStreamsPerKey) {
      throw new DomainError('SERVICE_UNAVAILABLE', `this API key already has ${maxStreamsPerKey} archives streaming`, { headers });
    }
    this.active += 1;
    if (keyId !== undefined) this.perKey.set(keyId, keyActive + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      if (keyId === undefined) return;
      const left = (this.perKey.get(keyId) ?? 1) - 1;
      if (left === 0) this.perKey.delete(keyId);
      else this.perKey.set(keyId, left);
    };
  }

  get activeStreams(): number {
    return this.active;
  }
}
