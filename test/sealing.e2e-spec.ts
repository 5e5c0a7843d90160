import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultServer } from './support/fault-server.js';
import { DownloadHarness } from './support/download-harness.js';

const MiB = 1 << 20;

describe("sealing a bundle's layout ahead of any download", () => {
  const h = new DownloadHarness();
  const { root, web, remote, create, download, bytesOf, sealStatus, until, seal, validate } = h;

  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  describe('sealing', () => {
    it('reads each source once and reports progress', async () => {
      mkdirSync(join(root, 'seal'));
      const sizes = [3 * MiB, 5 * MiB, 1, 0];
      sizes.forEach((size, i) => writeFileSync(join(root, 'seal', `s${i}.bin`), randomBytes(size)));
      const bundle = await create({ files: sizes.map((_, i) => ({ src: `file:///seal/s${i}.bin` })), coverSheet: false });
      expect(await sealStatus(bundle)).toMatchObject({ state: 'unsealed', files: 4, filesDone: 0 });
      const status = await seal(bundle);
      expect(status).toMatchObject({ state: 'sealed', files: 4, filesDone: 4 });
      const first = await fetch(`${h.base}/v1/bundles/${bundle.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret } });
      expect(((await first.json()) as { state: string }).state).toBe('sealed');
      const res = await download(bundle);
      const body = await bytesOf(res);
      expect(res.headers.get('content-length')).toBe(String(status.contentLength));
      expect(body.length).toBe(status.contentLength);
      expect(res.headers.get('etag')).toBe(status.etag);
      const check = await validate('sealed.zip', body);
      expect(check.entries.map((e) => e.size)).toEqual(sizes);
    });

    it('reports progress while it runs', async () => {
      mkdirSync(join(root, 'slow'));
      writeFileSync(join(root, 'slow', 'a.bin'), randomBytes(MiB));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      web.route('/slow.bin', (req, res) => void gate.then(() => FaultServer.serveBytes(remote, '"slow"')(req, res)));
      const bundle = await create({ files: [{ src: 'file:///slow/a.bin' }, { src: `http://localhost:${web.port}/slow.bin` }] });
      await fetch(`${h.base}/v1/bundles/${bundle.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret } });
      // The claim is in the database before the answer: the status shows at once, and the gate holds it there.
      expect(await sealStatus(bundle)).toMatchObject({ state: 'sealing', files: 2, filesDone: 0 });
      release();
      expect(await until(bundle, 'sealed')).toMatchObject({ filesDone: 2, bytesRead: MiB + remote.length });
    });

    it('fails visibly when a source is missing, and refuses compressed bundles', async () => {
      const missing = await create({ files: [{ src: 'file:///nowhere.bin' }] });
      await fetch(`${h.base}/v1/bundles/${missing.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': missing.secret } });
      const status = await until(missing, 'failed');
      expect(status.state).toBe('failed');
      expect(String(status.error)).toMatch(/nowhere\.bin/);

      const deflated = await create({ files: [{ src: 'file:///seal/s0.bin' }], compression: 'deflate' });
      const res = await fetch(`${h.base}/v1/bundles/${deflated.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': deflated.secret } });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { type: string }).type).toMatch(/\/problems\/layout-not-possible$/);
      // Its downloads stream as before: no length, no ranges.
      const zip = await download(deflated, { Range: 'bytes=10-20' });
      expect(zip.status).toBe(200);
      expect(zip.headers.get('content-length')).toBeNull();
      await validate('deflated.zip', await bytesOf(zip));
    });
  });
});
