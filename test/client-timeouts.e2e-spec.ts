import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const IDLE_MS = 2000;
const KEEP_ALIVE_MS = 1500;
const HEADERS_MS = 1000;

/** A raw connection to the app, with what it received and when the server closed it. */
function open(base: string): Promise<{ socket: Socket; received: () => string; closedAt: () => number | undefined }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let text = '';
    let closedAt: number | undefined;
    const socket = connect(Number(port), hostname, () => resolve({ socket, received: () => text, closedAt: () => closedAt }));
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => (closedAt = performance.now()));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

describe('clients that stall, linger or never finish their headers', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-timeouts-'));
  const storeDir = join(root, 'store');
  let t: TestApp;
  let base: string;
  let bundle: { id: string; secret: string };
  /** The service's end of every connection it accepted. */
  const accepted: Socket[] = [];
  const serverSide = (client: Socket) => () => accepted.find((s) => s.remotePort === client.localPort);
  const temporaries = () => (existsSync(join(storeDir, 'tmp')) ? readdirSync(join(storeDir, 'tmp')) : []);

  beforeAll(async () => {
    // 1 GiB, sparse: more than any socket buffers hold, so a client that stops reading stalls the download.
    const fd = openSync(join(root, 'big.bin'), 'w');
    writeSync(fd, 'end', 2 ** 30 - 3, 'latin1');
    closeSync(fd);
    ({ t, base } = await listeningTestApp({
      LOCAL_STORAGE_ROOT: root,
      STORE_DIR: storeDir,
      ARCHIVE_MAX_STREAMS: '1',
      CLIENT_IDLE_TIMEOUT_MS: String(IDLE_MS),
      KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_MS),
      CLIENT_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
      STORAGE_IDLE_TIMEOUT_MS: '1000',
    }));
    t.app.getHttpServer().on('connection', (s: Socket) => accepted.push(s));
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'file:///big.bin' }] }),
    });
    bundle = (await res.json()) as { id: string; secret: string };
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sets no deadline on a whole request: a body may take as long as it keeps moving', async () => {
    // Node's default (300 s) cut every upload that took longer than five minutes.
    expect(t.app.getHttpServer().requestTimeout).toBe(0);
    // Longer than the idle timeout in all, never idle for as long.
    const { socket, received, closedAt } = await open(base);
    const parts = 8;
    socket.write(`POST /v1/files?filename=slow.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_API_KEY}\r\nContent-Length: ${parts}\r\n\r\n`);
    for (let i = 0; i < parts; i++) {
      await new Promise((r) => setTimeout(r, IDLE_MS / 4)); // the client's pace, not synchronisation
      socket.write('x');
    }
    await eventually(() => received().includes('\r\n\r\n{'), 10_000, 'the answer');
    expect(received()).toMatch(/^HTTP\/1\.1 201 /);
    expect(closedAt()).toBeUndefined();
    socket.destroy();
  }, 30_000);

  it('closes an upload that stops sending for CLIENT_IDLE_TIMEOUT_MS, and keeps nothing of it', async () => {
    const db = t.app.get(DataSource);
    const rows = async () => Number((await db.query(`SELECT count(*) AS n FROM stored_file`))[0].n);
    const before = await rows();
    const { socket, closedAt } = await open(base);
    socket.write(`POST /v1/files?filename=stalled.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_API_KEY}\r\nContent-Length: ${2 ** 20}\r\n\r\n`);
    socket.write(Buffer.alloc(64 * 1024, 1));
    await eventually(() => temporaries().length > 0, 10_000, 'the upload to begin');
    const stalledAt = performance.now();
    await eventually(() => closedAt() !== undefined, IDLE_MS + 8000, 'the server to close the stalled upload');
    expect(closedAt()! - stalledAt).toBeGreaterThanOrEqual(IDLE_MS - 200);
    await eventually(() => temporaries().length === 0, 10_000, 'the temporary file to go');
    expect(await rows()).toBe(before);
  }, 30_000);

  it('closes a tus PATCH that stops sending, keeping what arrived for the client to resume from', async () => {
    const data = Buffer.alloc(256 * 1024, 7);
    const tus = { Authorization: `Bearer ${TEST_API_KEY}`, 'Tus-Resumable': '1.0.0' };
    const created = await fetch(`${base}/v1/uploads`, { method: 'POST', headers: { ...tus, 'Upload-Length': String(data.length) } });
    const path = new URL(created.headers.get('location')!, base).pathname;
    const { socket, closedAt } = await open(base);
    socket.write(`PATCH ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_API_KEY}\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: ${data.length}\r\n\r\n`);
    socket.write(data.subarray(0, 100_000));
    await eventually(() => closedAt() !== undefined, IDLE_MS + 8000, 'the server to close the stalled PATCH');
    const offset = async () => Number((await fetch(`${base}${path}`, { method: 'HEAD', headers: tus })).headers.get('upload-offset'));
    await eventually(async () => (await offset()) === 100_000, 10_000, 'the bytes that arrived to be kept');
    const rest = await fetch(`${base}${path}`, { method: 'PATCH', headers: { ...tus, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '100000' }, body: data.subarray(100_000) });
    expect([rest.status, rest.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
  }, 30_000);

  it('closes a download whose client stops reading, and frees its stream for others', async () => {
    const { socket, received, closedAt } = await open(base);
    const served = serverSide(socket);
    socket.write(`GET /v1/bundles/${bundle.id}/download HTTP/1.1\r\nHost: x\r\nX-Bundle-Secret: ${bundle.secret}\r\n\r\n`);
    await eventually(() => received().startsWith('HTTP/1.1 200 '), 10_000, 'the download to start');
    socket.pause(); // reads nothing more: the socket buffers fill and the service's writes stop
    // ARCHIVE_MAX_STREAMS is 1: while the stalled download holds it, another waits its turn.
    const meanwhile = await fetch(`${base}/v1/bundles/${bundle.id}/download`, { headers: { 'X-Bundle-Secret': bundle.secret } });
    expect(meanwhile.status).toBe(503);
    await meanwhile.body?.cancel();
    // A paused client sees the close only once it reads what was sent before it: watch the service's end.
    const stalledAt = performance.now();
    await eventually(() => served()?.destroyed === true, IDLE_MS + 8000, 'the service to close the stalled download');
    expect(performance.now() - stalledAt).toBeGreaterThanOrEqual(IDLE_MS - 200);
    const after = new AbortController();
    const next = await fetch(`${base}/v1/bundles/${bundle.id}/download`, { headers: { 'X-Bundle-Secret': bundle.secret }, signal: after.signal });
    expect(next.status).toBe(200);
    after.abort();
    // The stalled client, reading again, gets what was under way and then the end: not a whole zip.
    socket.resume();
    await eventually(() => closedAt() !== undefined, 10_000, 'the stalled client to see the close');
    expect(socket.bytesRead).toBeLessThan(2 ** 30);
  }, 30_000);

  it('closes an idle kept-alive connection after KEEP_ALIVE_TIMEOUT_MS, and says so', async () => {
    const { socket, received, closedAt } = await open(base);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    await eventually(() => /\r\n\r\n\{.*\}$/s.test(received()), 10_000, 'the answer');
    const answeredAt = performance.now();
    expect(received()).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
    await eventually(() => closedAt() !== undefined, 10_000, 'the server to close the idle connection');
    const idle = closedAt()! - answeredAt;
    expect(idle).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 200);
    expect(idle).toBeLessThan(KEEP_ALIVE_MS + 2500); // Node's own default is 5 s
  }, 30_000);

  it('answers 408 to a client that does not finish its headers within CLIENT_HEADERS_TIMEOUT_MS', async () => {
    const { socket, received, closedAt } = await open(base);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const startedAt = performance.now();
    await eventually(() => closedAt() !== undefined, 10_000, 'the server to give up on the headers');
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAt()! - startedAt).toBeGreaterThanOrEqual(HEADERS_MS - 200);
    expect(closedAt()! - startedAt).toBeLessThan(HEADERS_MS + 2500);
  }, 30_000);
});
