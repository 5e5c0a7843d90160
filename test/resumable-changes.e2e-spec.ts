import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, truncateSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Created, DownloadHarness } from './support/download-harness.js';

const MiB = 1 << 20;

describe('resumable bundle downloads: changes to sources and bundles', () => {
  const h = new DownloadHarness();
  const { root, create, download, bytesOf, sealStatus, until, seal, validate } = h;

  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  describe('when a source changes', () => {
    let bundle: Created;
    const path = () => join(root, 'change', 'doc.txt');

    beforeAll(async () => {
      mkdirSync(join(root, 'change'));
      writeFileSync(path(), 'version one\n');
      writeFileSync(join(root, 'change', 'big.bin'), randomBytes(40 * MiB));
      bundle = await create({ files: [{ src: 'file:///change/big.bin' }, { src: 'file:///change/doc.txt' }] });
      await seal(bundle);
    });

    it('changes the ETag, and a stale If-Range gets the whole new version', async () => {
      const old = await download(bundle, {}, 'HEAD');
      const oldEtag = old.headers.get('etag')!;
      expect(oldEtag).toBeTruthy();
      writeFileSync(path(), 'version two, longer\n');
      const res = await download(bundle, { Range: 'bytes=1000-', 'If-Range': oldEtag });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).not.toBe(oldEtag);
      const check = await validate('changed.zip', await bytesOf(res));
      expect(check.entries[1].sha256).toBe(createHash('sha256').update('version two, longer\n').digest('hex'));
      // That complete download learnt the new layout: a new strong ETag.
      const status = await until(bundle, 'sealed');
      expect(status.etag).not.toBe(oldEtag);
    });

    it('aborts a download that meets the change mid-stream, and drops the layout', async () => {
      const res = await download(bundle);
      expect(res.headers.get('content-length')).toBeTruthy();
      const reader = res.body!.getReader();
      await reader.read(); // the first entry is under way; the second is not opened yet
      writeFileSync(path(), 'version three\n');
      utimesSync(path(), new Date(), new Date(Date.now() + 5000));
      let failed = false;
      try {
        for (;;) if ((await reader.read()).done) break;
      } catch {
        failed = true;
      }
      expect(failed).toBe(true);
      await until(bundle, 'unsealed'); // dropped as the response was aborted
    });

    it('reads only a range\'s own files, each pinned to its version: a change elsewhere leaves the range a slice of the same zip, and the next read of the changed file fails', async () => {
      mkdirSync(join(root, 'many'));
      const count = 80;
      for (let i = 0; i < count; i++) writeFileSync(join(root, 'many', `m${i}.txt`), `file ${i}\n`);
      writeFileSync(join(root, 'many', 'tail.bin'), randomBytes(8 * MiB));
      const large = await create({ files: [...Array.from({ length: count }, (_, i) => ({ src: `file:///many/m${i}.txt` })), { src: 'file:///many/tail.bin' }] });
      await seal(large);
      const whole = await bytesOf(await download(large));
      const etag = (await download(large, {}, 'HEAD')).headers.get('etag')!;
      const tailAt = whole.length - 4 * MiB;

      writeFileSync(join(root, 'many', 'm3.txt'), 'file 3, changed\n');
      // The tail and the central directory need nothing of file 3: the same bytes, the same ETag.
      const tail = await download(large, { Range: `bytes=${tailAt}-`, 'If-Range': etag });
      expect(tail.status).toBe(206);
      expect(tail.headers.get('etag')).toBe(etag);
      expect((await bytesOf(tail)).equals(whole.subarray(tailAt))).toBe(true);
      // A range that reads file 3 meets the change: the read insists on the laid-out version.
      const stale = await download(large);
      expect(stale.status).toBe(200);
      await expect(bytesOf(stale)).rejects.toThrow();
      await until(large, 'unsealed');
    });

    it('unseals on any change to the bundle', async () => {
      await seal(bundle);
      const { etag } = await sealStatus(bundle);
      expect(etag).toMatch(/^"/);
      const patch = await fetch(`${h.base}/v1/bundles/${bundle.id}`, {
        method: 'PATCH',
        headers: { 'X-Bundle-Secret': bundle.secret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ filename: 'renamed.zip' }),
      });
      expect(patch.status).toBe(200);
      expect((await sealStatus(bundle)).state).toBe('unsealed');
      // Not the sealed layout any more: a new version has another ETag (a provisional one, built on the
      // entries recorded earlier, or none while it streams) and no Last-Modified until its layout is learnt.
      const head = await download(bundle, {}, 'HEAD');
      expect(head.headers.get('last-modified')).toBeNull();
      expect(head.headers.get('etag')).not.toBe(etag);
    });
  });

  it('leaves a truncated source to fail the download, never a short zip', async () => {
    mkdirSync(join(root, 'shrink'));
    writeFileSync(join(root, 'shrink', 'a.bin'), randomBytes(64 * MiB));
    const bundle = await create({ files: [{ src: 'file:///shrink/a.bin' }], coverSheet: false });
    await seal(bundle);
    const res = await download(bundle, { Range: 'bytes=0-' });
    expect(res.status).toBe(206);
    truncateSync(join(root, 'shrink', 'a.bin'), MiB); // before the client has read on: most of it is still to be read
    await expect(bytesOf(res)).rejects.toThrow();
    await until(bundle, 'unsealed'); // the layout no longer describes the source
  });

  it('fails a download whose source was rewritten in place with its size and time kept, before that entry ends, and drops the layout', async () => {
    mkdirSync(join(root, 'inplace'));
    const file = join(root, 'inplace', 'data.bin');
    const original = randomBytes(3 * MiB);
    // Whole seconds, so that setting the time again restores it exactly: the version a stat tells stays the same.
    const keptTime = 1_790_000_000;
    writeFileSync(file, original);
    utimesSync(file, keptTime, keptTime);
    writeFileSync(join(root, 'inplace', 'note.txt'), 'after it\n');
    const bundle = await create({ files: [{ src: 'file:///inplace/data.bin' }, { src: 'file:///inplace/note.txt' }] });
    await seal(bundle);
    const etag = (await download(bundle, {}, 'HEAD')).headers.get('etag');

    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([original[MiB] ^ 0xff]), 0, 1, MiB);
    closeSync(fd);
    utimesSync(file, keptTime, keptTime);

    const res = await download(bundle);
    // Nothing a stat can see changed: the layout still answers, with its length and ETag.
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(etag);
    await expect(bytesOf(res)).rejects.toThrow();
    await until(bundle, 'unsealed');
    const fresh = await validate('rewritten.zip', await bytesOf(await download(bundle)));
    const changed = Buffer.from(original);
    changed[MiB] ^= 0xff;
    expect(fresh.entries[0].sha256).toBe(createHash('sha256').update(changed).digest('hex'));
  });
});
