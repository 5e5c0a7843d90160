import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { authed, type StoredFileBody } from './support/store-client.js';
import { listeningTestApp, type TestApp } from './support/test-app.js';
import { javaStreamRead, unzipTest } from './support/zip-readers.js';

const run = promisify(execFile);
const MiB = 1 << 20;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

/** Stored files in bundles: known sizes and CRC-32s make the very first download resumable. */
describe('bundles of stored files', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-stored-bundles-'));
  const contents = [randomBytes(40 * MiB), Buffer.from('a small note\n'), randomBytes(25 * MiB + 3)];
  let t: TestApp;
  let base: string;
  let files: StoredFileBody[];

  async function bundleOf(srcs: object[]): Promise<{ id: string; secret: string; url: string }> {
    const res = await authed(`${base}/v1/bundles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: srcs }) });
    if (res.status !== 201) throw new Error(`creating the bundle: ${res.status} ${await res.text()}`);
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    return { id, secret, url: `${base}/v1/bundles/${id}/download` };
  }

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ STORE_DIR: join(out, 'store') }));
    files = [];
    for (const [i, data] of contents.entries()) {
      files.push((await (await authed(`${base}/v1/files?filename=${['clip.mp4', 'note.txt', 'data.bin'][i]}`, { method: 'POST', body: data })).json()) as StoredFileBody);
    }
  });
  afterAll(async () => {
    await t.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('answers the very first download with Content-Length and the ETag it keeps; curl -C - resumes it byte for byte; Java reads it', async () => {
    const bundle = await bundleOf([{ src: files[0].src }, { src: files[1].src, dst: 'notes/note.txt' }, { src: files[2].src }]);
    const head = await fetch(bundle.url, { method: 'HEAD', headers: { 'X-Bundle-Secret': bundle.secret } });
    expect(head.status).toBe(200);
    const length = Number(head.headers.get('content-length'));
    const etag = head.headers.get('etag');
    expect(length).toBeGreaterThan(65 * MiB);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(head.headers.get('accept-ranges')).toBe('bytes');

    // The first GET, broken off by killing curl, then resumed with curl -C -.
    const path = join(out, 'first.zip');
    const auth = ['-H', `X-Bundle-Secret: ${bundle.secret}`];
    const child = spawn('curl', ['-sS', '--limit-rate', '20M', '-o', path, ...auth, bundle.url], { stdio: 'ignore' });
    const done = exited(child);
    await eventually(() => existsSync(path) && statSync(path).size >= 20 * MiB, 30_000, 'curl to write 20 MiB');
    child.kill('SIGKILL');
    await done;
    expect(statSync(path).size).toBeLessThan(length);
    await run('curl', ['-sS', '-f', '-C', '-', '-D', join(out, 'headers'), '-o', path, ...auth, bundle.url]);
    const resumed = readFileSync(join(out, 'headers'), 'utf8');
    expect(resumed).toMatch(/^HTTP\/1\.1 206/);
    expect(resumed.toLowerCase()).toContain(`etag: ${etag}`.toLowerCase());
    expect(statSync(path).size).toBe(length);

    const whole = Buffer.from(await (await fetch(bundle.url, { headers: { 'X-Bundle-Secret': bundle.secret } })).arrayBuffer());
    expect(sha(readFileSync(path))).toBe(sha(whole));
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const entries = await javaStreamRead('jdk', path);
    expect(entries.filter((e) => !e.name.startsWith('MANIFEST')).map((e) => [e.name, e.size, e.sha256])).toEqual([
      ['clip.mp4', contents[0].length, sha(contents[0])],
      ['notes/note.txt', contents[1].length, sha(contents[1])],
      ['data.bin', contents[2].length, sha(contents[2])],
    ]);
  });

  it('keeps a referenced file from deletion unless forced; then the bundle\'s download fails visibly', async () => {
    const extra = (await (await authed(`${base}/v1/files?filename=gone.txt`, { method: 'POST', body: 'soon gone' })).json()) as StoredFileBody;
    const bundle = await bundleOf([{ src: extra.src }]);
    const refused = await authed(`${base}/v1/files/${extra.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'FILE_IN_USE' });
    expect((await authed(`${base}/v1/files/${extra.id}?force=true`, { method: 'DELETE' })).status).toBe(204);
    const res = await fetch(bundle.url, { headers: { 'X-Bundle-Secret': bundle.secret } });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });

  it('refuses to append a file of another API key, with a pointer to it', async () => {
    const bundle = await bundleOf([{ src: files[1].src }]);
    const foreign = 'store://00000000-0000-4000-8000-000000000000';
    const res = await fetch(`${base}/v1/bundles/${bundle.id}/files`, {
      method: 'POST',
      headers: { 'X-Bundle-Secret': bundle.secret, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: files[2].src }, { src: foreign }] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string }[] }).errors).toEqual([expect.objectContaining({ pointer: '/files/1/src' })]);
  });
});
