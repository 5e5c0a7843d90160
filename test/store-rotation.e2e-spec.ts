import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runBuilt, startServiceProcess, type ServiceProcess } from './support/service-process.js';

const API_KEY = 'rotation-key-0123456789abcdef';
const A = `a:${randomBytes(32).toString('base64')}`;
const B = `b:${randomBytes(32).toString('base64')}`;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const auth = { Authorization: `Bearer ${API_KEY}` };

/**
 * Master-key rotation as an operator does it, on the built service and the
 * embedded database: files stored under key A, `store:rewrap` with B current,
 * A removed; a start without a key that still wraps files is refused.
 */
describe('master key rotation', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-rotation-'));
  const env = (keys: string) => ({ API_KEYS: API_KEY, DATA_DIR: join(work, 'data'), STORE_ENCRYPTION_KEYS: keys, CACHE_MAX_BYTES: '0' });
  const contents = [randomBytes(300 * 1024), randomBytes(10), Buffer.alloc(0)];
  const half = randomBytes(200 * 1024);
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('rewraps every data key under the new key; with the old one removed, every file still reads and an unfinished upload finishes', async () => {
    service = await startServiceProcess(env(A));
    const ids: string[] = [];
    for (const data of contents) {
      const res = await fetch(`${service.url}/v1/files`, { method: 'POST', headers: auth, body: data });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    // A tus upload left half done: its data key waits in the database too.
    const created = await fetch(`${service.url}/v1/uploads`, { method: 'POST', headers: { ...auth, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(2 * half.length) } });
    const upload = created.headers.get('location')!;
    const first = await fetch(new URL(upload, service.url), { method: 'PATCH', headers: { ...auth, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: half });
    expect(first.status).toBe(204);
    // The embedded database is the running service's: the command waits its turn.
    const busy = await runBuilt('store/encryption/rewrap.command.js', env(`${B},${A}`));
    expect([busy.code, busy.stderr]).toEqual([1, expect.stringContaining(`is in use by process ${service.pid}`)]);
    await service.stop();
    service = undefined;

    // Key A removed before the rewrap: the service refuses to start, and says why.
    const refused = await runBuilt('main.js', env(B));
    expect(refused.code).toBe(78);
    expect(refused.stderr).toMatch(/STORE_ENCRYPTION_KEYS: stored files are wrapped under the master key a, which is not set/);

    const rewrap = await runBuilt('store/encryption/rewrap.command.js', env(`${B},${A}`));
    expect([rewrap.code, rewrap.stdout.trim()]).toEqual([0, '4 data keys rewrapped under b; 0 left under other keys']);

    service = await startServiceProcess(env(B));
    for (const [i, id] of ids.entries()) {
      const res = await fetch(`${service.url}/v1/files/${id}/content`, { headers: auth });
      expect([res.status, sha(Buffer.from(await res.arrayBuffer()))]).toEqual([200, sha(contents[i])]);
    }
    const second = await fetch(new URL(upload, service.url), { method: 'PATCH', headers: { ...auth, 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(half.length), 'Content-Type': 'application/offset+octet-stream' }, body: half });
    expect(second.status).toBe(204);
    const whole = await fetch(`${service.url}/v1/files/${upload.split('/').pop()}/content`, { headers: auth });
    expect(sha(Buffer.from(await whole.arrayBuffer()))).toBe(sha(Buffer.concat([half, half])));

    // A second rewrap finds nothing to do.
    await service.stop();
    service = undefined;
    const again = await runBuilt('store/encryption/rewrap.command.js', env(B));
    expect([again.code, again.stdout.trim()]).toEqual([0, '0 data keys rewrapped under b; 0 left under other keys']);
  }, 120_000);

  it('refuses a malformed key at start-up without echoing it', async () => {
    const secret = randomBytes(16).toString('base64');
    const bad = await runBuilt('main.js', { ...env(`c:${secret}`), DATA_DIR: join(work, 'other') });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('STORE_ENCRYPTION_KEYS[0] (c): the key must be 32 bytes in base64');
    expect(bad.stderr).not.toContain(secret);
  });
});
