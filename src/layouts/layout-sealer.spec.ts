import { describe, expect, it } from '@jest/globals';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout } from './layout.js';
import type { BundlesService } from '../bundles/bundles.service.js';
import type { LayoutRepository, LearntEntry } from './layout.repository.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Storage } from '../storage/storage.js';
import { BundleLayouts } from './layouts.js';
import type { LaidOutPages } from './laid-out-pages.js';
import { LayoutSealer } from './layout-sealer.js';

const bundle: Bundle = {
  id: '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55',
  secretHash: Buffer.alloc(32),
  filename: 'b.zip',
  public: false,
  fileCount: 2,
  compression: 'store',
  coverSheet: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date('2027-01-01T00:00:00Z'),
  layout: null,
};

/** A sealer over fakes: `stat` answers per source, and every read is counted. */
function sealer(stat: (src: string) => { size: number; etag?: string; crc32?: number }, data: Buffer) {
  const recorded: LearntEntry[] = [];
  let saved: Layout | undefined;
  const opened: string[] = [];
  const repo = {
    recordEntries: async (_id: string, entries: readonly LearntEntry[]) => void recorded.push(...entries),
    save: async (_id: string, layout: Layout) => ((saved = layout), true),
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
  return { sealer: new LayoutSealer(layouts, bundles, storage, config), recorded, opened, saved: () => saved };
}

describe('LayoutSealer', () => {
  it('takes a full-object CRC-32 from the store\'s metadata and reads only the sources without one', async () => {
    const data = Buffer.from('hello, world\n');
    const s = sealer((src) => (src.includes('with-checksum') ? { size: 1000, etag: '"a"', crc32: 0xdeadbeef } : { size: data.length, etag: '"b"' }), data);
    s.sealer.start(bundle);
    for (let i = 0; i < 100 && s.sealer.status(bundle).state === 'sealing'; i++) await new Promise((r) => setTimeout(r, 5));
    const sealed = { ...bundle, layout: s.saved()! };
    expect(s.sealer.status(sealed)).toMatchObject({ state: 'sealed', filesDone: 2, bytesRead: data.length, etag: s.saved()!.etag });
    expect(s.opened).toEqual(['s3://bucket/without.bin']);
    expect(s.recorded.map((e) => [e.name, e.size, e.crc32, e.version])).toEqual([
      ['with-checksum.bin', 1000, 0xdeadbeef, '"a"'],
      ['without.bin', data.length, 0xf4247453, '"b"'],
    ]);
    expect(s.saved()).toMatchObject({ size: expect.any(Number), entryCount: 2, forVersion: bundle.updatedAt.toISOString() });
  });

  it('fails when a source tells no version to pin the layout to', async () => {
    const s = sealer(() => ({ size: 5 }), Buffer.from('12345'));
    s.sealer.start(bundle);
    for (let i = 0; i < 100 && s.sealer.status(bundle).state === 'sealing'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(s.sealer.status(bundle)).toMatchObject({ state: 'failed', error: expect.stringMatching(/neither an ETag/) });
    expect(s.saved()).toBeUndefined();
  });
});
