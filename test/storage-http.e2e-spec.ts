import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AddressPolicy } from '../src/storage/http/address-policy.js';
import { HostResolver, type ResolvedAddress } from '../src/storage/http/host-resolver.js';
import { Storage } from '../src/storage/storage.js';
import { FaultServer } from './support/fault-server.js';
import { sha256, sha256Of } from './support/streams.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const data = randomBytes(3 * 1024 * 1024 + 17);

/** Answers every name with loopback, as a hostile or rebinding DNS server might. */
class LoopbackResolver extends HostResolver {
  async resolve(): Promise<ResolvedAddress[]> {
    return [{ address: '127.0.0.1', family: 4 }];
  }
}

/** Plays "the internet is 127.0.0.1": every other address counts as private. */
class OnlyLoopbackOnePolicy extends AddressPolicy {
  allows(address: string): boolean {
    return address === '127.0.0.1';
  }
}

describe('HTTP storage provider', () => {
  const server = new FaultServer();
  let t: TestApp;
  let storage: Storage;
  let base: string;

  beforeAll(async () => {
    await server.start();
    base = `http://files.test:${server.port}`;
    server
      .route('/ok', FaultServer.serveBytes(data))
      .route('/break', (req, res, attempt) => FaultServer.serveBytes(data, '"v1"', attempt < 3 ? { breakAfter: 700_000 } : {})(req, res))
      .route('/etag-changes', (req, res, attempt) => FaultServer.serveBytes(data, attempt === 0 ? '"v1"' : '"v2"', attempt === 0 ? { breakAfter: 1000 } : {})(req, res))
      .route('/503-then-200', (req, res, attempt) => (attempt < 2 ? res.writeHead(503).end() : FaultServer.serveBytes(data)(req, res)))
      .route('/hang-once', (req, res, attempt) => {
        if (attempt === 0) res.writeHead(200, { 'content-length': String(data.length), etag: '"v1"' }).write(data.subarray(0, 1000));
        else FaultServer.serveBytes(data)(req, res);
      })
      .route('/hang-before-headers', (req, res, attempt) => {
        if (attempt > 0) FaultServer.serveBytes(data)(req, res); // the first request never gets an answer
      })
      .route('/no-ranges', (_req, res) => res.writeHead(200, { 'content-length': String(data.length) }).end(data))
      .route('/always-503', (_req, res) => res.writeHead(503).end())
      .route('/missing', (_req, res) => res.writeHead(404).end())
      .route('/forbidden', (_req, res) => res.writeHead(403).end())
      .route('/longer', (_req, res) => res.writeHead(206, { 'content-range': `bytes 0-9/${data.length}` }).end(data.subarray(0, 20)))
      .route('/to-metadata', (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end())
      .route('/to-loopback-v6', (_req, res) => res.writeHead(307, { location: `http://[::1]:${server.port}/ok` }).end())
      .route('/to-other-loopback', (_req, res) => res.writeHead(301, { location: `http://127.0.0.2:${server.port}/ok` }).end())
      .route('/to-mapped', (_req, res) => res.writeHead(302, { location: `http://[::ffff:7f00:1]:${server.port}/ok` }).end())
      .route('/to-ok', (_req, res) => res.writeHead(302, { location: '/ok' }).end())
      .route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    t = await createTestApp(
      { STORAGE_RETRY_BASE_MS: '5', STORAGE_RETRY_MAX_MS: '20', STORAGE_IDLE_TIMEOUT_MS: '300', HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_ALLOW_IP_LITERALS: 'true' },
      [[HostResolver, new LoopbackResolver()], [AddressPolicy, new OnlyLoopbackOnePolicy()]],
    );
    storage = t.app.get(Storage);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('stats and streams a file, and honours a range', async () => {
    const stat = await storage.stat(`${base}/ok`);
    expect(stat).toMatchObject({ size: data.length, etag: '"v1"', contentType: 'application/octet-stream' });
    expect(await sha256Of(storage.open(`${base}/ok`))).toBe(sha256(data));
    expect(await sha256Of(storage.open(`${base}/ok`, { start: 1000, end: 2_000_000 }))).toBe(sha256(data.subarray(1000, 2_000_001)));
  });

  it('resumes a body that breaks mid-file with Range and If-Match, byte for byte', async () => {
    expect(await sha256Of(storage.open(`${base}/break`))).toBe(sha256(data));
    const asked = server.requests.filter((r) => r.path === '/break');
    expect(asked.map((r) => r.range)).toEqual([undefined, 'bytes=700000-', 'bytes=1400000-', 'bytes=2100000-']);
    expect(asked.slice(1).every((r) => r.ifMatch === '"v1"')).toBe(true);
  });

  it('fails loudly, instead of splicing two versions, when the ETag changes between attempts', async () => {
    await expect(sha256Of(storage.open(`${base}/etag-changes`))).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
  });

  it('retries 503 then succeeds, and gives up after the configured attempts', async () => {
    expect(await sha256Of(storage.open(`${base}/503-then-200`))).toBe(sha256(data));
    await expect(sha256Of(storage.open(`${base}/always-503`))).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    expect(server.countFor('/always-503')).toBe(5);
  });

  it('treats a source that stops sending as broken after the idle timeout, and resumes', async () => {
    expect(await sha256Of(storage.open(`${base}/hang-once`))).toBe(sha256(data));
    expect(server.requests.filter((r) => r.path === '/hang-once').map((r) => r.range)).toEqual([undefined, 'bytes=1000-']);
  });

  it('says so when a server ignores Range, rather than reading the wrong bytes', async () => {
    expect(await sha256Of(storage.open(`${base}/no-ranges`))).toBe(sha256(data));
    await expect(sha256Of(storage.open(`${base}/no-ranges`, { end: 99 }))).rejects.toThrow(/ignores Range/);
  });

  it('times out a source that never answers, and retries it', async () => {
    expect(await sha256Of(storage.open(`${base}/hang-before-headers`))).toBe(sha256(data));
    expect(server.countFor('/hang-before-headers')).toBe(2);
  });

  it('maps 404 and 403 to stable codes without retrying, and refuses a longer answer', async () => {
    await expect(storage.stat(`${base}/missing`)).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    await expect(sha256Of(storage.open(`${base}/forbidden`))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    expect(server.countFor('/forbidden')).toBe(1);
    await expect(sha256Of(storage.open(`${base}/longer`, { end: 9 }))).rejects.toMatchObject({ code: 'SOURCE_SIZE_MISMATCH' });
  });

  it('follows a safe redirect, refuses redirects to private addresses at connect time, and stops loops', async () => {
    expect(await sha256Of(storage.open(`${base}/to-ok`))).toBe(sha256(data));
    const okBefore = server.countFor('/ok');
    for (const path of ['/to-metadata', '/to-loopback-v6', '/to-other-loopback', '/to-mapped']) {
      await expect(sha256Of(storage.open(`${base}${path}`))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    }
    // Nothing reached the loopback server through the refused hops.
    expect(server.countFor('/ok')).toBe(okBefore);
    await expect(storage.stat(`${base}/loop`)).rejects.toThrow(/redirects more than 5 times/);
    expect(server.countFor('/loop')).toBe(6);
  });
});

describe('HTTP sources with the default policy', () => {
  const server = new FaultServer().route('/ok', FaultServer.serveBytes(Buffer.from('secret internal data')));
  let t: TestApp;

  beforeAll(async () => {
    await server.start();
    // A name that resolves to loopback, as after a DNS rebinding: connect must refuse it.
    t = await createTestApp({}, [[HostResolver, new LoopbackResolver()]]);
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('refuses a host that resolves to a private address, without connecting', async () => {
    const storage = t.app.get(Storage);
    await expect(sha256Of(storage.open(`http://rebind.test:${server.port}/ok`))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    await expect(storage.stat(`http://rebind.test:${server.port}/ok`)).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    expect(server.requests).toHaveLength(0);
    // The message reaches clients and cover sheets: it names the host, never what it resolved to.
    const err = (await storage.stat(`http://rebind.test:${server.port}/ok`).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('rebind.test');
    expect(err.message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('refuses literal IP hosts when a bundle is created', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/v1/bundles')
      .set('Authorization', `Bearer ${TEST_API_KEY}`)
      .send({ files: [{ src: `http://127.0.0.1:${server.port}/ok` }, { src: 'http://[::1]/x' }, { src: 'http://169.254.169.254/latest' }] })
      .expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/files/0/src', '/files/1/src', '/files/2/src']);
  });
});
