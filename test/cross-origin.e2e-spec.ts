import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listeningTestApp, type TestApp } from './support/test-app.js';

const ORIGIN = 'https://app.example.com';
const PREFLIGHT = { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,tus-resumable,upload-length,upload-metadata' };

describe('cross-origin requests (CORS_ORIGINS)', () => {
  let listed: { t: TestApp; base: string };
  let unset: { t: TestApp; base: string };

  beforeAll(async () => {
    [listed, unset] = await Promise.all([listeningTestApp({ CORS_ORIGINS: `${ORIGIN},https://other.example.com` }), listeningTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([listed.t.close(), unset.t.close()]);
  });

  it('answers a preflight from a listed origin with what the page may send, for ten minutes', async () => {
    const res = await fetch(`${listed.base}/v1/uploads`, { method: 'OPTIONS', headers: PREFLIGHT });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,PATCH,DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe(PREFLIGHT['Access-Control-Request-Headers']);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('lets the page read the headers it needs, on success and on a problem', async () => {
    const ok = await fetch(`${listed.base}/health/live`, { headers: { Origin: ORIGIN } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const exposed = ok.headers.get('access-control-expose-headers')!.split(',');
    expect(exposed).toEqual(expect.arrayContaining(['Location', 'ETag', 'Content-Range', 'Content-Disposition', 'Retry-After', 'Upload-Offset', 'Tus-Resumable']));
    const refused = await fetch(`${listed.base}/v1/bundles`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"files":[]}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('keeps tus discovery (OPTIONS without a preflight) answered by tus', async () => {
    for (const headers of [{}, { Origin: ORIGIN }]) {
      const res = await fetch(`${listed.base}/v1/uploads`, { method: 'OPTIONS', headers });
      expect(res.status).toBe(204);
      expect(res.headers.get('tus-version')).toBe('1.0.0');
    }
  });

  it('gives no CORS header to an origin not listed, nor to any when none is', async () => {
    for (const [base, origin] of [[listed.base, 'https://evil.example.com'], [unset.base, ORIGIN]]) {
      const preflight = await fetch(`${base}/v1/uploads`, { method: 'OPTIONS', headers: { ...PREFLIGHT, Origin: origin } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
      const plain = await fetch(`${base}/health/live`, { headers: { Origin: origin } });
      expect(plain.headers.get('access-control-allow-origin')).toBeNull();
      // Where some origins are listed, every answer says that it depends on the Origin.
      expect(plain.headers.get('vary')).toBe(base === listed.base ? 'Origin' : null);
    }
  });
});
