import { describe, expect, it } from '@jest/globals';
import type { Bundle } from '../bundles/bundle.js';
import { testBundle } from '../../test/support/bundle-fixture.js';
import type { Layout, LayoutJob } from './layout.js';
import type { BundlesService } from '../bundles/bundles.service.js';
import type { LayoutRepository, LearntEntry } from './layout.repository.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Storage } from '../storage/storage.js';
import { BundleLayouts } from './layouts.js';
import type { LaidOutPages } from './laid-out-pages.js';
import { LayoutSealer } from './layout-sealer.js';

const bundle = testBundle();

/** A sealer over fakes: `stat` answers per source, and every read is counted. */
function sealer(stat: (src: string) => { size: number; etag?: string; crc32?: number }, data: Buffer) {
  const recorded: LearntEntry[] = [];
  let saved: Layout | undefined;
  const opened: string[] = [];
  // The job row, as the database would keep it (one bundle here).
  let job: LayoutJob | undefined;
  let bytesAtSave: number | undefined;
  const repo = {
    recordEntries: async (_id: string, entries: readonly LearntEntry[]) => void recorded.push(...entries),
    save: async (_id: string, layout: Layout) => {
      saved = layout;
      // What any instance reads once the layout is visible.
      bytesAtSave = job?.bytesRead;
      return true;
    },
    claim: async (_id: string, claim: Pick<LayoutJob, 'forVersion' | 'kind' | 'owner' | 'heartbeatAt'>) => {
      if (job?.state === 'running') return false;
      job = { ...claim, state: 'running', filesDone: 0, bytesRead: 0 };
      return true;
    },
    progress: async (_id: string, _owner: string, progress: Pick<LayoutJob, 'filesDone' | 'bytesRead' | 'heartbeatAt'>) => ((job = { ...job!, ...progress }), true),
    finish: async (_id: string, _owner: string, outcome: { state: 'sealed' } | { state: 'failed'; error: string }) => void (job = { ...job!, ...outcome }),
    job: async () => job,
  } as unknown as LayoutRepository;
  const storage = {
    stat: async (src: string) => stat(src),
    open: (src: string) => {
      opened.push(src);
      return (async function* () {
        yield data;
      })();
    },
  } as unknown as Storage;
  const bundles = {
    files: async function* () {
      yield { index: 0, src: 's3://bucket/with-checksum.bin' };
      yield { index: 1, src: 's3://bucket/without.bin' };
    },
  } as unknown as BundlesService;
  const clock = { now: () => new Date('2026-01-02T00:00:00Z') } as Clock;
  const config = { archive: { sealConcurrency: 2 } } as AppConfig;
  const layouts = new BundleLayouts(repo, {} as LaidOutPages, storage, clock);
  return { sealer: new LayoutSealer(layouts, repo, bundles, storage, config, clock), recorded, opened, saved: () => saved, bytesAtSave: () => bytesAtSave, job: async () => job, setJob: (j: LayoutJob) => void (job = j) };
}

/** Polls the status until it leaves `state`, under a deadline. */
async function until(sealer: LayoutSealer, b: Bundle, state: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await sealer.status(b)).state === state) {
    if (Date.now() > deadline) throw new Error(`still ${state}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('LayoutSealer', () => {
  it('takes a full-object CRC-32 from the store\'s metadata and reads only the sources without one', async () => {
    const data = Buffer.from('hello, world\n');
    const s = sealer((src) => (src.includes('with-checksum') ? { size: 1000, etag: '"a"', crc32: 0xdeadbeef } : { size: data.length, etag: '"b"' }), data);
    expect(await s.sealer.start(bundle)).toMatchObject({ state: 'sealing' });
    await until(s.sealer, bundle, 'sealing');
    const sealed = { ...bundle, layout: s.saved()! };
    expect(await s.sealer.status(sealed)).toMatchObject({ state: 'sealed', filesDone: 2, bytesRead: data.length, etag: s.saved()!.etag });
    expect(s.opened).toEqual(['s3://bucket/without.bin']);
    expect(s.bytesAtSave()).toBe(data.length);
    expect(s.recorded.map((e) => [e.name, e.size, e.crc32, e.version])).toEqual([
      ['with-checksum.bin', 1000, 0xdeadbeef, '"a"'],
      ['without.bin', data.length, 0xf4247453, '"b"'],
    ]);
    expect(s.saved()).toMatchObject({ size: expect.any(Number), entryCount: 2, forVersion: bundle.updatedAt.toISOString() });
  });

  it('fails when a source tells no version to pin the layout to', async () => {
    const s = sealer(() => ({ size: 5 }), Buffer.from('12345'));
    await s.sealer.start(bundle);
    await until(s.sealer, bundle, 'sealing');
    expect(await s.sealer.status(bundle)).toMatchObject({ state: 'failed', error: expect.stringMatching(/neither an ETag/) });
    expect(s.saved()).toBeUndefined();
  });

  it('shows the seal\'s figures as soon as the layout is stored, before the seal has marked itself done', async () => {
    const data = Buffer.from('hello, world\n');
    const s = sealer(() => ({ size: data.length, etag: '"b"' }), data);
    await s.sealer.start(bundle);
    await until(s.sealer, bundle, 'sealing');
    // Another instance reads between the layout's save and the job's last write: the row still says running.
    s.setJob({ ...(await s.job())!, state: 'running' });
    expect(await s.sealer.status({ ...bundle, layout: s.saved()! })).toMatchObject({ state: 'sealed', bytesRead: 2 * data.length });
  });
});
