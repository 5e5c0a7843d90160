import { MAX_ENTRY_PATH_BYTES } from './entry-path.js';
import { NameSet } from './name-set.js';

/** C0 and C1 controls, and format characters (bidi overrides such as U+202E, zero-width ones, U+FEFF): invisible, or they reorder what a name shows. */
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
const DRIVE = /^[a-z]:$/i;
const MAX_SEGMENT_BYTES = 255;
/** Segments of ASCII letters, digits, `_` and `-`, with dots only between them. */
const PLAIN = /^[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)*$/;

/**
 * The path an entry gets inside the zip: forward slashes, no leading slash, no
 * `.`, `..` or empty segments, no drive letter, no control characters, NFC, and
 * lengths every extractor accepts. Undefined when nothing usable is left.
 */
export function normalizeEntryName(raw: string): string | undefined {
  // Most names are plain ASCII words, dots and slashes, which every rule leaves as they are.
  return raw.length <= MAX_SEGMENT_BYTES && PLAIN.test(raw) ? raw : applyNameRules(raw);
}

/** normalizeEntryName without its shortcut for plain names (exported for the spec that checks the shortcut). */
export function applyNameRules(raw: string): string | undefined {
  const segments = raw
    .normalize('NFC')
    .replace(CONTROL, '')
    .split(/[/\\]+/)
    .map((s) => s.replace(/[ .]+$/, '')) // Windows drops trailing dots and spaces
    .filter((s, i) => s !== '' && s !== '.' && s !== '..' && !(i === 0 && DRIVE.test(s)))
    .map((s) => truncateUtf8(s, MAX_SEGMENT_BYTES));
  // Too deep: drop leading directories first, so the file's own name survives.
  while (segments.length > 1 && Buffer.byteLength(segments.join('/')) > MAX_ENTRY_PATH_BYTES) segments.shift();
  const name = truncateUtf8(segments.join('/'), MAX_ENTRY_PATH_BYTES);
  return name === '' ? undefined : name;
}

/** The longest prefix of `s` of at most `maxBytes` UTF-8 bytes, cut at a code point boundary. */
function cutUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

/** Cuts at a code point boundary, keeping the extension when there is room. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
  let stem = s.slice(0, s.length - ext.length);
  while (Buffer.byteLength(stem + ext) > maxBytes) stem = Array.from(stem).slice(0, -1).join('');
  return stem + ext;
}

/**
 * Gives every entry a unique name, deterministically: `a.txt`, `a (1).txt`, ….
 * Names are compared case-insensitively after NFC, because Windows and macOS
 * extract that way, and a file may not share its name with a directory.
 */
export class EntryNamer {
  // Hashes, not strings: a million-file bundle is named in ~32 MB (see NameSet).
  private readonly files = new NameSet();
  private readonly dirs = new NameSet();
  /** For each name that collided, the n its last ` (n)` form took. */
  private readonly lastSuffix = new Map<string, number>();

  claim(name: string): string {
    return (ASCII.test(name) && this.claimAscii(name)) || this.claimAny(name);
  }

  /**
   * The common case without copies: an ASCII name that collides with nothing.
   * Lower-casing ASCII keeps each prefix a prefix, so one key serves every
   * lookup. Undefined, having changed nothing, when the name collides.
   */
  private claimAscii(name: string): string | undefined {
    const k = name.toLowerCase();
    const cuts: number[] = [];
    for (let i = k.indexOf('/'); i >= 0; i = k.indexOf('/', i + 1)) {
      if (this.files.has(k.slice(0, i))) return undefined;
      cuts.push(i);
    }
    if (this.files.has(k) || this.dirs.has(k)) return undefined;
    this.files.add(k);
    for (const i of cuts) this.dirs.add(k.slice(0, i));
    return name;
  }

  private claimAny(name: string): string {
    const segments = name.split('/');
    // A directory on the way that is already a file gets renamed like a duplicate.
    for (let i = 0; i < segments.length - 1; i++) {
      const prefix = segments.slice(0, i + 1).join('/');
      if (this.files.has(key(prefix))) {
        segments[i] = this.firstFree(segments.slice(0, i), segments[i], 'dir');
      }
    }
    const dir = segments.slice(0, -1);
    const last = this.firstFree(dir, segments[segments.length - 1], 'file');
    const claimed = [...dir, last].join('/');
    this.files.add(key(claimed));
    for (let i = 1; i < segments.length; i++) this.dirs.add(key([...dir, last].slice(0, i).join('/')));
    return claimed;
  }

  /**
   * `segment` in `dir`, or its first free ` (n)` form: a directory on the way
   * must not be a file; a file may be neither. Names are only ever added, so
   * the n last given for a name is still taken, and so is every n below it:
   * the search goes on from there (10,000 files of one name took 29 s, each
   * trying every n before its own).
   */
  private firstFree(dir: string[], segment: string, role: 'dir' | 'file'): string {
    const taken = role === 'dir' ? (k: string) => this.files.has(k) : (k: string) => this.files.has(k) || this.dirs.has(k);
    const path = (s: string) => [...dir, s].join('/');
    const own = key(path(segment));
    if (!taken(own)) return segment;
    const memo = `${role}:${own}`;
    // What follows the last dot stays at the end, unless it leaves no room for the rest: then it gives way like the stem.
    const dot = segment.lastIndexOf('.');
    const keepsExt = dot > 0 && Buffer.byteLength(segment.slice(dot)) <= MAX_SEGMENT_BYTES - 32;
    const [stem, ext] = keepsExt ? [segment.slice(0, dot), segment.slice(dot)] : [segment, ''];
    for (let n = (this.lastSuffix.get(memo) ?? 0) + 1; ; n++) {
      // The suffix must not push the segment past what file systems take: the stem gives way.
      const suffix = ` (${n})${ext}`;
      const candidate = cutUtf8(stem, MAX_SEGMENT_BYTES - Buffer.byteLength(suffix)) + suffix;
      if (taken(key(path(candidate)))) continue;
      this.lastSuffix.set(memo, n);
      return candidate;
    }
  }
}

const ASCII = /^[\x00-\x7f]*$/;

/** ASCII is its own NFC: skipping ICU for it halves the cost of naming a million files. */
function key(name: string): string {
  return (ASCII.test(name) ? name : name.normalize('NFC')).toLowerCase();
}
