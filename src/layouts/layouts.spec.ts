import { describe, expect, it } from '@jest/globals';
import { testBundle } from '../../test/support/bundle-fixture.js';
import type { Clock } from '../common/clock.js';
import type { Storage } from '../storage/storage.js';
import type { LaidOutPages } from './laid-out-pages.js';
import type { LayoutRepository } from './layout.repository.js';
import { BundleLayouts } from './layouts.js';

/** What a promise is after the work already queued has run: its value, or 'pending'. */
function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('BundleLayouts', () => {
  it('waits at shutdown for a learning download to give its claim back, so that no other instance waits for it to go stale', async () => {
    let release!: () => void;
    const finishes: string[] = [];
    const repo = {
      claim: async () => true,
      recordEntries: async () => undefined,
      finish: (_id: string, _owner: string, outcome: { state: string }) => {
        finishes.push(outcome.state);
        return new Promise<void>((resolve) => (release = resolve));
      },
    } as unknown as LayoutRepository;
    const clock = { now: () => new Date() } as Clock;
    const layouts = new BundleLayouts(repo, {} as LaidOutPages, {} as Storage, clock);
    const learner = await layouts.learner(testBundle({ fileCount: 2 }));
    learner!.close(); // the download stopped; its claim is being given back
    await learner!.settled();
    expect(finishes).toEqual(['released']);
    const shutdown = layouts.beforeApplicationShutdown().then(() => 'done');
    expect(await state(shutdown)).toBe('pending');
    release();
    expect(await shutdown).toBe('done');
  });
});
