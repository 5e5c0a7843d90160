import { describe, expect, it } from '@jest/globals';
import { testBundle } from '../../test/support/bundle-fixture.js';
import type { LayoutRepository, LearntEntry } from './layout.repository.js';
import { LayoutRecorder } from './layout-recorder.js';
import { entryLength } from '../archive/zip/zip-layout.js';

const bundle = testBundle({ fileCount: 3 });

function recorder() {
  const recorded: LearntEntry[] = [];
  let saved = 0;
  const repo = {
    recordEntries: async (_id: string, entries: readonly LearntEntry[]) => void recorded.push(...entries),
    save: async () => {
      saved += 1;
      return true;
    },
  } as unknown as LayoutRepository;
  return { recorder: new LayoutRecorder(bundle, repo, () => new Date()), recorded, saved: () => saved };
}

describe('LayoutRecorder', () => {
  it('on a download that stops, records the entries it finished and the one it stopped in (without a CRC-32), and stores no layout', async () => {
    const { recorder: r, recorded, saved } = recorder();
    r.begin(0, 'a.bin', 10, '"a1"');
    r.add(0, 'a.bin', 10, 0x1234, '"a1"');
    r.begin(1, 'b.bin', 70_000, '"b1"');
    r.close();
    await r.settled();
    expect(recorded.map(({ index, name, size, crc32, version, offset }) => ({ index, name, size, crc32, version, offset }))).toEqual([
      { index: 0, name: 'a.bin', size: 10, crc32: 0x1234, version: '"a1"', offset: 0 },
      { index: 1, name: 'b.bin', size: 70_000, crc32: undefined, version: '"b1"', offset: entryLength({ name: 'a.bin', size: 10, encoding: 'blocks' }, bundle.updatedAt) },
    ]);
    expect(saved()).toBe(0);
  });

  it('records nothing for an entry it cannot pin, nor after one it had to give up on', async () => {
    const { recorder: r, recorded } = recorder();
    r.begin(0, 'a.bin', 10, 'W/"weak"');
    r.close();
    await r.settled();
    expect(recorded).toEqual([]);

    const second = recorder();
    second.recorder.add(0, 'a.bin', 10, 1, '"a1"');
    second.recorder.abandon('a.bin was skipped');
    second.recorder.begin(1, 'b.bin', 10, '"b1"');
    second.recorder.close();
    await second.recorder.settled();
    expect(second.recorded).toEqual([]);
  });
});
