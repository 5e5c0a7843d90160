import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportRefusal, type ImportLimits } from './imported-row.js';

const MAX_PARTS = 10_000;
/** Parts smaller than this inflated may compress as well as they like. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * The parts of an XLSX (a zip), read from its central directory. Every part is
 * checked before it is inflated: its declared size against what is left of
 * `maxInflatedBytes`, its ratio against `maxInflateRatio`. yauzl holds each
 * part to its declared size while inflating, so a bomb that lies is caught too.
 */
export class XlsxPackage {
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly parts: ReadonlyMap<string, Entry>,
    private readonly limits: ImportLimits,
  ) {}

  static async open(path: string, limits: ImportLimits): Promise<XlsxPackage> {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(unreadable(err)) : resolve(z))),
    );
    try {
      return new XlsxPackage(zip, await partsOf(zip), limits);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  /** Part names compare without case, as OPC says; a leading slash is dropped. */
  has(name: string): boolean {
    return this.parts.has(partKey(name));
  }

  async open(name: string): Promise<Readable> {
    const entry = this.parts.get(partKey(name));
    if (!entry) throw new ImportRefusal('IMPORT_INVALID', `The XLSX has no part ${name}`);
    const { maxInflatedBytes, maxInflateRatio } = this.limits;
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > entry.compressedSize * maxInflateRatio) {
      throw new ImportRefusal('IMPORT_TOO_LARGE', `The XLSX part ${name} would inflate ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (at most ${maxInflateRatio}): not a spreadsheet we accept`);
    }
    this.inflated += entry.uncompressedSize;
    if (this.inflated > maxInflatedBytes) {
      throw new ImportRefusal('IMPORT_TOO_LARGE', `The XLSX inflates to more than ${maxInflatedBytes} bytes (IMPORT_MAX_INFLATED_BYTES); import a CSV instead`);
    }
    return new Promise((resolve, reject) => this.zip.openReadStream(entry, (err, stream) => (err ? reject(unreadable(err)) : resolve(stream))));
  }

  close(): void {
    this.zip.close();
  }
}

function partsOf(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, Entry>();
    if (zip.entryCount > MAX_PARTS) return reject(new ImportRefusal('IMPORT_TOO_LARGE', `The XLSX has ${zip.entryCount} parts (at most ${MAX_PARTS})`));
    zip.on('entry', (entry: Entry) => {
      parts.set(partKey(entry.fileName), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(parts));
    zip.once('error', (err: Error) => reject(unreadable(err)));
    zip.readEntry();
  });
}

function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function unreadable(err: Error): ImportRefusal {
  return new ImportRefusal('IMPORT_INVALID', `The XLSX cannot be read as a zip: ${err.message}`);
}
