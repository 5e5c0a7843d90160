import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { importEnded } from './support/manifest-client.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const MiB = 1 << 20;

interface CurlRun {
  status: number;
  /** Body bytes curl sent. */
  uploaded: number;
  /** Whether the service asked for the body ("100 Continue"). */
  continued: boolean;
  body: string;
}

/**
 * curl as users run it: for any body over 1 MiB it sends `Expect: 100-continue`
 * and waits (up to a second, then sends anyway) for the server to ask for it.
 * Started, never run synchronously: the service answers on this process's loop.
 */
function curl(args: string[]): Promise<CurlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', '-v', '--expect100-timeout', '30', '-w', '\n%{http_code} %{size_upload}', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', () => {
      const lines = stdout.split('\n');
      const [status, uploaded] = lines.pop()!.split(' ').map(Number);
      expect(stderr).toMatch(/^> Expect: 100-continue/m); // else the case tests nothing
      resolve({ status, uploaded, continued: /^< HTTP\/1\.1 100 Continue/m.test(stderr), body: lines.join('\n') });
    });
  });
}

describe('Expect: 100-continue: the body is asked for only once the request is accepted', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-continue-'));
  const file = (name: string, bytes: Buffer) => {
    writeFileSync(join(work, name), bytes);
    return join(work, name);
  };
  const digest = (b: Buffer) => `sha-256=:${createHash('sha256').update(b).digest('base64')}:`;
  let t: TestApp;
  let base: string;
  let data: Buffer;
  let upload: string;
  const auth = (key = TEST_API_KEY) => ['-H', `Authorization: Bearer ${key}`];
  const WRONG = 'not-a-key-0123456789abcdef';

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ STORE_DIR: join(work, 'store'), STORE_MAX_FILE_BYTES: String(4 * MiB), IMPORT_MAX_BYTES: String(3 * MiB) }));
    data = randomBytes(3 * MiB + 5);
    upload = file('three.bin', data);
  });

  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a raw upload with a wrong key is refused before any byte of it is sent', async () => {
    const run = await curl([...auth(WRONG), '-T', upload, `${base}/v1/files`]);
    expect(run).toMatchObject({ status: 401, uploaded: 0, continued: false });
    expect(JSON.parse(run.body)).toMatchObject({ type: expect.stringMatching(/unauthorized/i) });
  });

  it('a raw upload past the size limit (by its Content-Length) is refused before it is sent', async () => {
    const five = file('five.bin', randomBytes(5 * MiB));
    const run = await curl([...auth(), '-T', five, `${base}/v1/files`]);
    expect(run).toMatchObject({ status: 413, uploaded: 0, continued: false });
  });

  it('an accepted raw upload is asked for, sent whole and stored byte for byte', async () => {
    const run = await curl([...auth(), '-T', upload, `${base}/v1/files`]);
    expect(run).toMatchObject({ status: 201, uploaded: data.length, continued: true });
    expect(JSON.parse(run.body)).toMatchObject({ size: data.length, digest: digest(data) });
  });

  it('a form upload: refused with a wrong key before it is sent, stored when accepted', async () => {
    const refused = await curl([...auth(WRONG), '-F', `file=@${upload}`, `${base}/v1/files`]);
    expect(refused).toMatchObject({ status: 401, uploaded: 0, continued: false });
    const stored = await curl([...auth(), '-F', `file=@${upload}`, `${base}/v1/files`]);
    expect(stored).toMatchObject({ status: 201, continued: true });
    expect(JSON.parse(stored.body)).toMatchObject({ files: [{ size: data.length, digest: digest(data) }] });
  });

  it('an import: refused with a wrong key or past IMPORT_MAX_BYTES before it is sent, imported when accepted', async () => {
    let text = 'src,dst\n';
    for (let i = 0; text.length < 1.5 * MiB; i++) text += `s3://continue-bucket/dir/${i}.bin,out/${i}.bin\n`;
    const rows = text.split('\n').length - 2;
    const csv = file('rows.csv', Buffer.from(text));
    const args = (key?: string, path = csv) => [...auth(key), '-H', 'Content-Type: text/csv', '--data-binary', `@${path}`, `${base}/v1/bundles/import`];

    expect(await curl(args(WRONG))).toMatchObject({ status: 401, uploaded: 0, continued: false });
    const big = file('big.csv', Buffer.concat([Buffer.from(text), Buffer.from(text)]));
    const tooLarge = await curl(args(undefined, big));
    expect(tooLarge).toMatchObject({ status: 413, uploaded: 0, continued: false });
    expect(JSON.parse(tooLarge.body)).toMatchObject({ type: expect.stringMatching(/import-too-large/) });

    const accepted = await curl(args());
    expect(accepted).toMatchObject({ uploaded: text.length, continued: true });
    const started = JSON.parse(accepted.body) as { id: string; secret: string };
    expect(await importEnded(base, started.id, started.secret)).toMatchObject({ state: 'succeeded', rowsImported: rows });
  });

  it('a client that sends its body without waiting still reads the refusal, not a reset', async () => {
    // As .NET does after 350 ms, or curl after its second: headers and body in one go.
    const { hostname, port } = new URL(base);
    // More than the sockets' buffers hold: still being sent when the answer goes out.
    const body = Buffer.alloc(48 * MiB, 7);
    const head = `PUT /v1/files HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${WRONG}\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const seen = await new Promise<{ text: string; error?: string; ended: boolean }>((resolve) => {
        let text = '';
        let ended = false;
        const socket = connect(Number(port), hostname, () => {
          socket.write(head);
          socket.end(body);
        });
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('end', () => (ended = true));
        socket.on('error', (err: NodeJS.ErrnoException) => resolve({ text, error: err.code, ended }));
        socket.on('close', () => resolve({ text, ended }));
      });
      expect(seen.error).toBeUndefined();
      expect(seen.ended).toBe(true); // closed by the service once the body was dropped
      expect(seen.text).toMatch(/^HTTP\/1\.1 401 /);
      expect(seen.text).toMatch(/\r\nConnection: close\r\n/i);
      expect(seen.text).not.toMatch(/100 Continue/);
    }
  });

  it('a tus PATCH: refused with a wrong key before it is sent, appended when accepted', async () => {
    const created = await fetch(`${base}/v1/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(data.length) } });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, base).href;
    const patch = (key?: string) => [...auth(key), '-X', 'PATCH', '-H', 'Tus-Resumable: 1.0.0', '-H', 'Upload-Offset: 0', '-H', 'Content-Type: application/offset+octet-stream', '--data-binary', `@${upload}`, url];
    expect(await curl(patch(WRONG))).toMatchObject({ status: 401, uploaded: 0, continued: false });
    expect(await curl(patch())).toMatchObject({ status: 204, uploaded: data.length, continued: true });
  });
});
