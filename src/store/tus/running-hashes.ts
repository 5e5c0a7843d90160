import type { Hash } from 'node:crypto';

const MAX_KEPT = 10_000;

/**
 * The SHA-256 of each unfinished upload so far, kept between its requests in
 * this process (a hash state cannot be stored elsewhere). One that is missing
 * (another instance took the upload, a restart, or evicted) makes the upload's
 * SHA-256 computed from the stored bytes when it finishes.
 */
export class RunningHashes {
  private readonly kept = new Map<string, { at: number; hash: Hash }>();

  start(id: string, hash: Hash): void {
    this.keep(id, 0, hash);
  }

  keep(id: string, at: number, hash: Hash | undefined): void {
    this.kept.delete(id);
    if (!hash) return;
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(id, { at, hash });
  }

  /** The hash of exactly the first `at` bytes, if this process has it; a request that fails later keeps nothing. */
  take(id: string, at: number): Hash | undefined {
    const kept = this.kept.get(id);
    this.kept.delete(id);
    return kept?.at === at ? kept.hash : undefined;
  }

  forget(id: string): void {
    this.kept.delete(id);
  }
}
