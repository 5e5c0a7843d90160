import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { type FileEnd, FileStore, type StoredObject } from '../file-store.js';
import type { StoreSession } from '../stored-file.js';
import { EncryptedFileStore } from './encrypted-file-store.js';
import { LocalKeyWrapper, type SealedKey } from './key-wrapper.js';
import { ciphertextSize, HEADER, IntegrityError, SEGMENT, TAG } from './segment-format.js';

/** Files as buffers in memory: what the encrypting store writes below itself, open to tampering. */
class MemoryStore extends FileStore {
  readonly kind = 'local' as const;
  readonly temp = new Map<string, Buffer>();
  readonly files = new Map<string, Buffer>();
  async begin(id: string): Promise<StoreSession> {
    this.temp.set(id, Buffer.alloc(0));
    return { id };
  }
  async append(session: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>, _end: FileEnd): Promise<StoreSession> {
    const id = String(session.id);
    let bytes = this.temp.get(id)!.subarray(0, offset);
    for await (const chunk of body) bytes = Buffer.concat([bytes, chunk]);
    this.temp.set(id, bytes);
    return session;
  }
  async complete(id: string, _session: StoreSession, size: number): Promise<null> {
    this.files.set(id, this.temp.get(id)!.subarray(0, size));
    return null;
  }
  async discard(): Promise<void> {}
  async retire(): Promise<void> {}
  async read(file: StoredObject, start: number, end: number): Promise<Readable> {
    // Like a file or an S3 object: a range past the end gives what there is.
    return Readable.from([this.files.get(file.id)!.subarray(start, end + 1)]);
  }
  async remove(): Promise<void> {}
  async purgeTemporaries(): Promise<number> {
    return 0;
  }
  async checkHealth(): Promise<Record<string, unknown>> {
    return {};
  }
}

const wrapper = new LocalKeyWrapper([{ kid: 'k1', key: randomBytes(32) }]);
const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Stores `data` in requests cut at `cuts` (a resumable upload), or in one. */
async function store(s: EncryptedFileStore, id: string, data: Buffer, cuts: number[] = []): Promise<StoredObject> {
  let session = await s.begin(id);
  let offset = 0;
  for (const cut of [...cuts, data.length]) {
    session = await s.append(session, offset, chunked(data.subarray(offset, cut)), cuts.length ? { size: data.length } : 'with-body');
    offset = cut;
  }
  const key = await s.complete(id, session, data.length);
  return { id, size: data.length, key };
}

function* chunked(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += 10_007) yield data.subarray(at, at + 10_007);
}

describe('EncryptedFileStore', () => {
  it.each([0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17])('writes %i bytes as header and segments, and reads them back', async (size) => {
    const memory = new MemoryStore();
    const s = new EncryptedFileStore(memory, wrapper);
    const data = randomBytes(size);
    const file = await store(s, ids[0], data);
    expect(file.key?.kid).toBe('k1');
    expect(memory.files.get(ids[0])!.length).toBe(ciphertextSize(size));
    // No run of the plaintext long enough to be told from chance (16 bytes) is written as it is.
    if (size >= 16) expect(memory.files.get(ids[0])!.includes(data.subarray(0, 64))).toBe(false);
    if (size > 0) expect(await collect(await s.read(file, 0, size - 1, AbortSignal.timeout(5000)))).toEqual(data);
  });

  it('reads any range by the segments that cover it, at every segment boundary ±1', async () => {
    const s = new EncryptedFileStore(new MemoryStore(), wrapper);
    const data = randomBytes(4 * SEGMENT + 100);
    const file = await store(s, ids[0], data);
    for (const [start, end] of [[0, 0], [SEGMENT - 1, SEGMENT], [SEGMENT, SEGMENT], [SEGMENT + 1, 3 * SEGMENT - 1], [2 * SEGMENT - 1, 4 * SEGMENT + 99], [4 * SEGMENT, 4 * SEGMENT + 99]]) {
      expect(await collect(await s.read(file, start, end, AbortSignal.timeout(5000)))).toEqual(data.subarray(start, end + 1));
    }
  });

  it('continues a resumable upload cut anywhere, within a segment or on its boundary', async () => {
    const memory = new MemoryStore();
    const s = new EncryptedFileStore(memory, wrapper);
    const data = randomBytes(3 * SEGMENT + 5);
    const file = await store(s, ids[0], data, [1, SEGMENT, SEGMENT + 3, 2 * SEGMENT, 3 * SEGMENT + 5 - 1]);
    expect(memory.files.get(ids[0])!.length).toBe(ciphertextSize(data.length));
    expect(await collect(await s.read(file, 0, data.length - 1, AbortSignal.timeout(5000)))).toEqual(data);
    // The segment bytes that wait between requests rest encrypted in the session.
    let session = await s.begin(ids[1]);
    session = await s.append(session, 0, [data.subarray(0, 100)], { size: data.length });
    expect(JSON.stringify(session).includes(data.subarray(0, 100).toString('base64'))).toBe(false);
  });

  describe('refuses ciphertext that is not what it wrote', () => {
    const setUp = async () => {
      const memory = new MemoryStore();
      const failures: IntegrityError[] = [];
      const s = new EncryptedFileStore(memory, wrapper, (err) => failures.push(err));
      const data = randomBytes(3 * SEGMENT + 1000);
      const files = [await store(s, ids[0], data), await store(s, ids[1], randomBytes(3 * SEGMENT + 1000))];
      const whole = () => s.read(files[0], 0, data.length - 1, AbortSignal.timeout(5000)).then(collect);
      return { memory, s, files, failures, whole, ct: () => memory.files.get(ids[0])! };
    };
    const seg = (i: number) => HEADER + i * (SEGMENT + TAG);

    it.each([
      ['a flipped byte', (ct: Buffer) => { const out = Buffer.from(ct); out[seg(1) + 5] ^= 1; return out; }],
      ['two segments swapped', (ct: Buffer) => Buffer.concat([ct.subarray(0, seg(0)), ct.subarray(seg(1), seg(2)), ct.subarray(seg(0), seg(1)), ct.subarray(seg(2))])],
      ['a truncated last segment', (ct: Buffer) => ct.subarray(0, ct.length - 1)],
      ['the last segment dropped', (ct: Buffer) => ct.subarray(0, seg(3))],
      ['a segment appended', (ct: Buffer) => Buffer.concat([ct, ct.subarray(seg(1), seg(2))])],
      ['a changed header', (ct: Buffer) => { const out = Buffer.from(ct); out[30] ^= 1; return out; }],
    ])('%s', async (_what, tamper) => {
      const t = await setUp();
      t.memory.files.set(ids[0], tamper(t.ct()));
      await expect(t.whole()).rejects.toBeInstanceOf(IntegrityError);
      expect(t.failures.length).toBe(1);
    });

    it('a file cut short before its header ends, read from a later segment', async () => {
      const t = await setUp();
      t.memory.files.set(ids[0], t.ct().subarray(0, HEADER - 1));
      await expect(t.s.read(t.files[0], 2 * SEGMENT, 2 * SEGMENT + 10, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(IntegrityError);
      expect(t.failures.length).toBe(1);
    });

    it('another file\'s ciphertext copied over it', async () => {
      const t = await setUp();
      t.memory.files.set(ids[0], t.memory.files.get(ids[1])!);
      await expect(t.whole()).rejects.toThrow('not written for this file');
    });

    it('another file\'s data key', async () => {
      const t = await setUp();
      const swapped: StoredObject = { ...t.files[0], key: t.files[1].key as SealedKey };
      await expect(t.s.read(swapped, 0, 10, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(IntegrityError);
    });

    it('yields nothing of a segment that does not authenticate', async () => {
      const t = await setUp();
      const out = Buffer.from(t.ct());
      out[seg(0) + 3] ^= 1;
      t.memory.files.set(ids[0], out);
      const got: Buffer[] = [];
      await expect((async () => {
        for await (const chunk of await t.s.read(t.files[0], 0, 100, AbortSignal.timeout(5000))) got.push(chunk as Buffer);
      })()).rejects.toBeInstanceOf(IntegrityError);
      expect(got).toEqual([]);
    });
  });

  it('reads files stored in clear as they are, and stores in clear without a master key', async () => {
    const memory = new MemoryStore();
    const s = new EncryptedFileStore(memory, new LocalKeyWrapper([]));
    const data = randomBytes(1000);
    const file = await store(s, ids[0], data);
    expect(file.key).toBeNull();
    expect(memory.files.get(ids[0])).toEqual(data);
    expect(await collect(await s.read(file, 10, 19, AbortSignal.timeout(5000)))).toEqual(data.subarray(10, 20));
  });
});
