/** What a request's Range and If-Range headers ask of a representation of `size` bytes. */
export type RangeDecision =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

export interface Representation {
  readonly size: number;
  /** Strong ETag, quoted; a weak or missing one never satisfies If-Range. */
  readonly etag?: string;
  readonly lastModified?: Date;
}

/**
 * RFC 9110 §14: one `bytes=` range (`a-b`, `a-`, `-n`). Several ranges, other
 * units or a malformed header are ignored (answered with the whole body, as the
 * RFC allows); an If-Range that does not match the current version also means
 * the whole body, so a resumed download never splices two versions.
 */
export function decideRange(rangeHeader: string | undefined, ifRange: string | undefined, rep: Representation): RangeDecision {
  if (rangeHeader === undefined) return { kind: 'full' };
  if (ifRange !== undefined && !ifRangeMatches(ifRange, rep)) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const { size } = rep;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (end < start) return { kind: 'full' }; // invalid range-spec: the header is ignored
  return { kind: 'partial', start, end };
}

function ifRangeMatches(ifRange: string, rep: Representation): boolean {
  const value = ifRange.trim();
  if (value.startsWith('"')) return rep.etag !== undefined && !rep.etag.startsWith('W/') && value === rep.etag;
  if (value.startsWith('W/')) return false;
  const date = Date.parse(value);
  // A date validator counts only when it is exactly the last modification, to the second.
  return rep.lastModified !== undefined && !Number.isNaN(date) && Math.floor(rep.lastModified.getTime() / 1000) * 1000 === date;
}

/** RFC 9110 §13.1.2: If-None-Match naming the current ETag (weak comparison is not needed: ours are strong). */
export function notModified(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  return etag !== undefined && ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag);
}
