import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Capped exponential backoff with full jitter, so retrying clients don't move in step. */
export function backoffMs(policy: RetryPolicy, failures: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1));
  return Math.floor(random() * ceiling);
}

export function backoff(policy: RetryPolicy, failures: number, signal: AbortSignal): Promise<void> {
  return sleep(backoffMs(policy, failures), undefined, { signal });
}
