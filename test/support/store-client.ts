import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as tus from 'tus-js-client';
import { TEST_API_KEY } from './test-app.js';

const run = promisify(execFile);

export interface StoredFileBody {
  id: string;
  src: string;
  name: string;
  contentType: string;
  size: number;
  digest: string;
  crc32: string;
  etag: string;
}

/** `curl` as a user runs it against the store; resolves the status and the parsed JSON answer. */
export async function curlUpload(base: string, args: string[], key = TEST_API_KEY, path = '/v1/files'): Promise<{ status: number; body: Record<string, unknown> }> {
  const { stdout } = await run('curl', ['-sS', '-H', `Authorization: Bearer ${key}`, '-w', '\n%{http_code}', ...args, `${base}${path}`], { maxBuffer: 1 << 24 });
  const lines = stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  return { status, body: lines.length ? (JSON.parse(lines.join('\n')) as Record<string, unknown>) : {} };
}

export async function authed(url: string, init: RequestInit = {}, key = TEST_API_KEY): Promise<Response> {
  return fetch(url, { ...init, headers: { Authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });
}

/** The SHA-256 of a file in RFC 9530 form, as the store reports it. */
export function digestOf(hex: string): string {
  return `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`;
}

/**
 * The suites share one database, and a service refuses to start while a master
 * key it lacks wraps some file: a suite that stores encrypted files removes
 * their rows when it ends.
 */
export async function forgetEncryptedFiles(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query(`DELETE FROM stored_file WHERE key_id IS NOT NULL`);
  await db.query(`DELETE FROM pending_upload WHERE session ? 'kid'`);
}

/**
 * A whole upload with tus-js-client in requests of `chunkSize` bytes (Infinity: one
 * request, resumed if it breaks); resolves the upload's URL (its last segment is the file's id).
 */
export function tusUpload(base: string, data: Buffer, chunkSize: number, filename = 'tus.bin'): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint: `${base}/v1/uploads`,
      chunkSize,
      retryDelays: [0, 100, 300, 1000],
      headers: { Authorization: `Bearer ${TEST_API_KEY}` },
      metadata: { filename },
      onError: reject,
      onSuccess: () => resolve(upload.url!),
    });
    upload.start();
  });
}
