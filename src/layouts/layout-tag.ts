import { createHash, type Hash } from 'node:crypto';
import type { Bundle } from '../bundles/bundle.js';

/**
 * The strong ETag of a bundle version's zip, made from what fixes its bytes:
 * each file's entry name, size and pinned source version, then the cover
 * sheet's names and sizes (its text follows from the files). No CRC-32 goes in,
 * so a provisional layout and the layout it becomes carry the same ETag.
 */
export class LayoutTag {
  private readonly hash: Hash;

  constructor(bundle: Bundle) {
    // The format's name is hashed too: a layout of another zip format never shares an ETag.
    this.hash = createHash('sha256').update(`zip-blocks-2\n${bundle.id}\n${bundle.updatedAt.toISOString()}\n`);
  }

  file(name: string, size: number, version: string): void {
    this.hash.update(`${name}\0${size}\0${version}\n`);
  }

  coverSheet(name: string, size: number): void {
    this.hash.update(`${name}\0${size}\n`);
  }

  /** Quoted; call once. */
  etag(): string {
    return `"${this.hash.digest('base64url').slice(0, 32)}"`;
  }
}
