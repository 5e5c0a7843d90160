import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventually } from './support/eventually.js';
import { FaultServer } from './support/fault-server.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

/**
 * What a download does before its headers (verify=true stats every source) is
 * done for its client alone: once the client has gone, no further source is asked.
 */
describe('work before the headers', () => {
  const web = new FaultServer();
  let t: TestApp;
  let base: string;
  // Each stat takes 100 ms: 300 sources, 8 at a time, would take ~4 s.
  const slow = (req: IncomingMessage, res: ServerResponse) => setTimeout(() => FaultServer.serveBytes(Buffer.from('x'), '"s1"')(req, res), 100);

  beforeAll(async () => {
    web.route('/slow', slow);
    await web.start();
    ({ t, base } = await listeningTestApp({ HTTP_ALLOW_PRIVATE_NETWORKS: 'true' }));
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
  });

  const files = () => Array.from({ length: 300 }, (_, i) => ({ src: `http://localhost:${web.port}/slow?i=${i}`, dst: `f${i}.bin` }));
  const authed = { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' };

  /** Starts a request, drops it once the origin has seen a few stats, and tells how many more came after the last one in flight ended. */
  async function requestsAfterLeaving(start: (signal: AbortSignal) => Promise<unknown>): Promise<number> {
    const before = web.requests.length;
    const client = new AbortController();
    const pending = start(client.signal).catch(() => undefined);
    await eventually(() => web.requests.length - before >= 8, 10_000, 'the first stats');
    client.abort();
    await pending;
    // What was in flight when the client left may finish; then nothing new may start.
    await eventually(() => web.inFlight === 0, 10_000, 'the stats in flight');
    const settled = web.requests.length;
    // A window in which the stats, had they gone on, would have reached the origin ~16 more times.
    await new Promise((resolve) => setTimeout(resolve, 250));
    return web.requests.length - settled;
  }

  it('verify=true on a bundle download stops asking the origin once the client has gone', async () => {
    const created = (await (await fetch(`${base}/v1/bundles`, { method: 'POST', headers: authed, body: JSON.stringify({ files: files(), public: true }) })).json()) as { id: string };
    const more = await requestsAfterLeaving((signal) => fetch(`${base}/v1/bundles/${created.id}/download?verify=true`, { signal }));
    expect(more).toBe(0);
    expect(web.requests.length).toBeLessThan(100);
  }, 30_000);

  it('and so does a one-off archive with verify', async () => {
    const more = await requestsAfterLeaving((signal) => fetch(`${base}/v1/archives`, { method: 'POST', headers: authed, body: JSON.stringify({ files: files(), verify: true }), signal }));
    expect(more).toBe(0);
  }, 30_000);

  it('a source whose host refuses connections is a 502 problem before the headers, not a 500', async () => {
    const closed = new FaultServer();
    await closed.start();
    const port = closed.port;
    await closed.stop();
    const res = await fetch(`${base}/v1/archives`, { method: 'POST', headers: authed, body: JSON.stringify({ files: [{ src: `http://localhost:${port}/x?sig=abc` }], verify: true }) });
    expect(res.status).toBe(502);
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe('SOURCE_UNAVAILABLE');
    expect(problem.detail).toContain(`http://localhost:${port}/x?[redacted] could not be reached`);
  }, 30_000);
});
