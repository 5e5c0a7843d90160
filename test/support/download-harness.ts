import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { FaultServer } from './fault-server.js';
import { S3TestServer } from './s3-server.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './test-app.js';
import { pythonZipCheck, unzipTest } from './zip-readers.js';

export interface Created {
  id: string;
  secret: string;
}

/**
 * The service with its sources for download tests: a local root, a loopback HTTP
 * origin serving `remote`, an S3 test server holding `object`, and the calls a
 * client makes (create, download, seal). Start it in beforeAll, stop it in afterAll.
 */
export class DownloadHarness {
  readonly root = mkdtempSync(join(tmpdir(), 'bundlestream-dl-'));
  readonly out = mkdtempSync(join(tmpdir(), 'bundlestream-dl-out-'));
  readonly web = new FaultServer();
  readonly s3 = new S3TestServer();
  readonly remote = randomBytes(700_000);
  readonly object = randomBytes(900_000);
  base = '';
  private app: TestApp | undefined;

  async start(): Promise<void> {
    this.web.route('/remote.bin', FaultServer.serveBytes(this.remote, '"remote-v1"'));
    await this.web.start();
    await this.s3.start();
    await this.s3.put('resume-src', 'deep/object.bin', this.object);
    ({ t: this.app, base: this.base } = await listeningTestApp({ ...this.s3.env(), LOCAL_STORAGE_ROOT: this.root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' }));
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.web.stop();
    await this.s3.stop();
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.out, { recursive: true, force: true });
  }

  readonly create = async (body: object): Promise<Created> => {
    const res = await fetch(`${this.base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  };

  readonly download = (b: Created, headers: Record<string, string> = {}, method = 'GET', query = ''): Promise<Response> =>
    fetch(`${this.base}/v1/bundles/${b.id}/download${query}`, { method, headers: { 'X-Bundle-Secret': b.secret, ...headers } });

  readonly bytesOf = async (res: Response): Promise<Buffer> => Buffer.from(await res.arrayBuffer());

  readonly sealStatus = async (b: Created): Promise<Record<string, unknown>> =>
    (await (await fetch(`${this.base}/v1/bundles/${b.id}/seal`, { headers: { 'X-Bundle-Secret': b.secret } })).json()) as Record<string, unknown>;

  /** Polls the seal status until it is `state` (failing at once on `failed`), under a deadline. */
  readonly until = async (b: Created, state: string): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await this.sealStatus(b);
      if (status.state === state) return status;
      if (status.state === 'failed' && state !== 'failed') throw new Error(`sealing failed: ${String(status.error)}`);
      if (Date.now() > deadline) throw new Error(`never ${state}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  readonly seal = async (b: Created): Promise<Record<string, unknown>> => {
    const res = await fetch(`${this.base}/v1/bundles/${b.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': b.secret } });
    expect(res.status).toBe(202);
    return this.until(b, 'sealed');
  };

  /** Writes the zip out and checks it with Info-ZIP and Python; resolves Python's view of it. */
  readonly validate = async (name: string, data: Buffer) => {
    const path = join(this.out, name);
    writeFileSync(path, data);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    return check;
  };
}
