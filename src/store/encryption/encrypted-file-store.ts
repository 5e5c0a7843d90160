import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { OnApplicationShutdown } from '@nestjs/common';
import { type FileEnd, FileStore, type StoredObject } from '../file-store.js';
import type { StoreSession } from '../stored-file.js';
import { KeyWrapper, type SealedKey } from './key-wrapper.js';
import {
  ciphertextSize, coveringSegments, decodeHeader, encodeHeader, freshHeader, HEADER, IntegrityError, SEGMENT, segmentCount, segmentKeys, segmentOffset,
} from './segment-format.js';
import { openSegments, SegmentSealer } from './segment-streams.js';

/** An encrypted file's session: the plain store's, and what continues the encryption in another request. */
type SealedSession = {
  readonly cipher: 'segments-v1';
  readonly inner: StoreSession;
  readonly id: string;
  readonly kid: string;
  readonly wrapped: string;
  readonly header: string;
  /** The bytes of the segment not sealed yet, encrypted under a key of their own (base64; empty for none). */
  readonly pending: string;
  /** Whether the last segment is written. */
  readonly whole: boolean;
};

/** Told of every ciphertext that fails authentication (for the metrics). */
export type IntegrityFailures = (err: IntegrityError) => void;

/**
 * Encryption at rest over a file store: new files (when a master key is set)
 * are written in the segmented format of `segment-format.ts` under a fresh data
 * key; files stored without a key are read as they are. Offsets and sizes seen
 * by callers are the plaintext's; the store below sees only ciphertext.
 */
export class EncryptedFileStore extends FileStore implements OnApplicationShutdown {
  readonly kind: FileStore['kind'];

  constructor(
    private readonly inner: FileStore,
    private readonly wrapper: KeyWrapper,
    private readonly failed: IntegrityFailures = () => undefined,
  ) {
    super();
    this.kind = inner.kind;
  }

  async begin(id: string): Promise<StoreSession> {
    const inner = await this.inner.begin(id);
    if (this.wrapper.currentKid === undefined) return inner;
    const dataKey = randomBytes(32);
    const { kid, wrapped } = await this.wrapper.wrap(dataKey, id);
    const header = encodeHeader(freshHeader(dataKey, id));
    return { cipher: 'segments-v1', inner, id, kid, wrapped: wrapped.toString('base64'), header: header.toString('base64'), pending: '', whole: false } satisfies SealedSession;
  }

  async append(session: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>, end: FileEnd): Promise<StoreSession> {
    const sealed = asSealed(session);
    if (!sealed) return this.inner.append(session, offset, body, end);
    const { id } = sealed;
    const dataKey = await this.wrapper.unwrap(keyOf(sealed), id);
    const header = Buffer.from(sealed.header, 'base64');
    const keys = segmentKeys(dataKey, id, decodeHeader(header, dataKey, id));
    // Segments before `index` are written; the bytes of segment `index` so far are pending.
    const index = offset === 0 ? 0 : Math.ceil(offset / SEGMENT) - 1;
    const pending = openPending(dataKey, id, offset, sealed.pending);
    if (pending.length !== offset - index * SEGMENT) throw new Error(`the upload's pending bytes (${pending.length}) do not match its offset ${offset}`);
    const sealer = new SegmentSealer(keys, index, pending);
    let size = offset;
    let whole = false;
    async function* ciphertext(): AsyncGenerator<Buffer> {
      if (offset === 0) yield header;
      for await (const chunk of body) {
        size += chunk.length;
        yield* sealer.seal([chunk]);
      }
      // The file is whole: its last segment goes now. Otherwise the pending bytes wait for the next request.
      if (end === 'with-body' || size === end.size) {
        whole = true;
        yield sealer.final();
      }
    }
    const innerEnd: FileEnd = end === 'with-body' ? end : { size: ciphertextSize(end.size) };
    const inner = await this.inner.append(sealed.inner, offset === 0 ? 0 : segmentOffset(index), ciphertext(), innerEnd);
    return { ...sealed, inner, whole, pending: whole ? '' : sealPending(dataKey, id, size, sealer.pending) } satisfies SealedSession;
  }

  async complete(id: string, session: StoreSession, size: number): Promise<SealedKey | null> {
    let sealed = asSealed(session);
    if (!sealed) return this.inner.complete(id, session, size);
    // An upload of nothing had no request that wrote its (empty) last segment.
    if (!sealed.whole) sealed = asSealed(await this.append(sealed, size, [], 'with-body'))!;
    await this.inner.complete(id, sealed.inner, ciphertextSize(size));
    return keyOf(sealed);
  }

  async discard(session: StoreSession): Promise<void> {
    await this.inner.discard(asSealed(session)?.inner ?? session);
  }

  async retire(previous: StoreSession, current: StoreSession): Promise<void> {
    await this.inner.retire(asSealed(previous)?.inner ?? previous, asSealed(current)?.inner ?? current);
  }

  async read(file: StoredObject, start: number, end: number, signal: AbortSignal): Promise<Readable> {
    if (!file.key) return this.inner.read(file, start, end, signal);
    const dataKey = await this.wrapper.unwrap(file.key, file.id).catch((err: unknown) => this.fail(err));
    const span = coveringSegments(start, end, file.size);
    const stored: StoredObject = { id: file.id, size: ciphertextSize(file.size), key: null };
    // Through the file's last segment, one byte more is asked for: there must be none.
    const to = span.last === segmentCount(file.size) - 1 ? span.to + 1 : span.to;
    // The header and the covering segments at once; if either fails, nothing opened stays open.
    const [head, body] = await Promise.allSettled([
      span.first === 0 ? undefined : this.inner.read(stored, 0, HEADER - 1, signal).then((r) => readAll(r, HEADER)),
      this.inner.read(stored, span.first === 0 ? 0 : span.from, to, signal),
    ]);
    if (head.status === 'rejected' || body.status === 'rejected') {
      if (body.status === 'fulfilled') body.value.destroy();
      this.fail(head.status === 'rejected' ? head.reason : (body as PromiseRejectedResult).reason);
    }
    const [headerBytes, segments] = [head.value, body.value];
    const fail = (err: unknown) => this.fail(err);
    async function* plaintext(): AsyncGenerator<Buffer> {
      try {
        let header = headerBytes;
        let ciphertext: AsyncIterable<Buffer> = segments;
        if (!header) {
          const rest = afterHeader(segments);
          header = (await rest.next()).value ?? Buffer.alloc(0);
          ciphertext = { [Symbol.asyncIterator]: () => rest };
        }
        const keys = segmentKeys(dataKey, file.id, decodeHeader(header, dataKey, file.id));
        yield* openSegments(keys, { size: file.size, first: span.first, last: span.last, start, end }, ciphertext);
      } catch (err) {
        segments.destroy();
        fail(err);
      }
    }
    return Readable.from(plaintext(), { objectMode: false });
  }

  async remove(id: string): Promise<void> {
    await this.inner.remove(id);
  }

  async purgeTemporaries(before: Date, pending: (id: string) => Promise<boolean>): Promise<number> {
    return this.inner.purgeTemporaries(before, pending);
  }

  async checkHealth(signal: AbortSignal): Promise<Record<string, unknown>> {
    return this.inner.checkHealth(signal);
  }

  /** The store below may hold connections (S3). */
  onApplicationShutdown(): void {
    (this.inner as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
  }

  private fail(err: unknown): never {
    if (err instanceof IntegrityError) this.failed(err);
    throw err;
  }
}

function asSealed(session: StoreSession): SealedSession | undefined {
  return session.cipher === 'segments-v1' ? (session as unknown as SealedSession) : undefined;
}

function keyOf(sealed: SealedSession): SealedKey {
  return { kid: sealed.kid, wrapped: Buffer.from(sealed.wrapped, 'base64') };
}

/** The pending bytes of an unfinished segment rest in the session under a key and nonce of their own, bound to the offset they end at. */
function pendingKey(dataKey: Buffer, id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `bundlestream pending v1 ${id}`, 32));
}

function sealPending(dataKey: Buffer, id: string, offset: number, bytes: Buffer): string {
  if (bytes.length === 0) return '';
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', pendingKey(dataKey, id), iv).setAAD(Buffer.from(`${id} ${offset}`));
  return Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

function openPending(dataKey: Buffer, id: string, offset: number, stored: string): Buffer {
  if (stored === '') return Buffer.alloc(0);
  const bytes = Buffer.from(stored, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', pendingKey(dataKey, id), bytes.subarray(0, 12)).setAAD(Buffer.from(`${id} ${offset}`));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  } catch {
    throw new IntegrityError(`the pending bytes of upload ${id} do not authenticate at offset ${offset}`);
  }
}

/** The first HEADER bytes of a ciphertext stream, then the rest of it. */
async function* afterHeader(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, unknown> {
  let head = Buffer.alloc(0);
  let sent = false;
  for await (const chunk of source) {
    if (sent) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < HEADER) continue;
    sent = true;
    yield head.subarray(0, HEADER);
    if (head.length > HEADER) yield head.subarray(HEADER);
  }
  if (!sent) throw new IntegrityError('the file is shorter than its encryption header');
}

async function readAll(source: Readable, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  if (all.length !== length) throw new IntegrityError('the file is shorter than its encryption header');
  return all;
}
