import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Storage } from '../src/storage/storage.js';
import { sha256, sha256Of } from './support/streams.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('local file storage provider', () => {
  const data = randomBytes(2 * 1024 * 1024 + 3);
  const outside = mkdtempSync(join(tmpdir(), 'bundlestream-outside-'));
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-root-'));
  let t: TestApp;
  let storage: Storage;

  beforeAll(async () => {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'report 1.bin'), data);
    writeFileSync(join(outside, 'secret.txt'), 'outside the root');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
    symlinkSync(outside, join(root, 'escape-dir'));
    symlinkSync(join(root, 'docs', 'report 1.bin'), join(root, 'inside-link.bin'));
    t = await createTestApp({ LOCAL_STORAGE_ROOT: root });
    storage = t.app.get(Storage);
  });
  afterAll(async () => {
    await t.close();
    for (const dir of [outside, root]) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file under the root, whole and by range, from its URL-encoded path', async () => {
    const stat = await storage.stat('file:///docs/report%201.bin');
    expect(stat.size).toBe(data.length);
    expect(await sha256Of(storage.open('file:///docs/report%201.bin'))).toBe(sha256(data));
    expect(await sha256Of(storage.open('file:///docs/report%201.bin', { start: 10, end: 1_000_009 }))).toBe(sha256(data.subarray(10, 1_000_010)));
    expect(await sha256Of(storage.open('file:///inside-link.bin'))).toBe(sha256(data));
  });

  it('never reads outside the root, and never tells what exists there: dot segments are refused, symlinks out look missing', async () => {
    await expect(storage.stat('file:///../../../etc/passwd')).rejects.toThrow(/"\.\." segment/);
    const missing = { code: 'SOURCE_NOT_FOUND', message: expect.stringMatching(/does not exist$/) };
    await expect(storage.stat('file:///escape.txt')).rejects.toMatchObject(missing);
    await expect(sha256Of(storage.open('file:///escape-dir/secret.txt'))).rejects.toMatchObject(missing);
    // A file outside that cannot be read, one that can, and one that does not exist: the same answer.
    symlinkSync('/etc/shadow', join(root, 'shadow-link'));
    symlinkSync('/etc/nope-not-here', join(root, 'nope-link'));
    for (const src of ['file:///shadow-link', 'file:///nope-link', 'file:///escape.txt']) {
      const err = (await storage.stat(src).then(() => ({ code: 'read', message: '' }), (e: unknown) => e)) as { code: string; message: string };
      expect({ code: err.code, message: err.message.replace(src, 'X') }).toEqual({ code: 'SOURCE_NOT_FOUND', message: 'X does not exist' });
    }
  });

  it('maps missing files and directories to SOURCE_NOT_FOUND', async () => {
    await expect(storage.stat('file:///nope.bin')).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    await expect(sha256Of(storage.open('file:///docs'))).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });

  it('fails when a file changed since its version was learnt', async () => {
    const path = join(root, 'changing.txt');
    writeFileSync(path, 'one');
    const { etag } = await storage.stat('file:///changing.txt');
    writeFileSync(path, 'two!');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    await expect(sha256Of(storage.open('file:///changing.txt', { etag }))).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
  });
});
