import type { SourceStat } from '../storage/storage-provider.js';

/**
 * What identifies one version of a source: its ETag, else its size and
 * modification time. Undefined when the source tells neither, and then no
 * layout can rest on it.
 */
export function sourceVersion(stat: Pick<SourceStat, 'etag' | 'size' | 'lastModified'>): string | undefined {
  if (stat.etag) return stat.etag;
  if (stat.size !== undefined && stat.lastModified) return `${stat.size}@${stat.lastModified.toISOString()}`;
  return undefined;
}

/** A version that a ranged read can insist on (If-Match, or the local file's tag). */
export function pinnableEtag(version: string): string | undefined {
  return version.startsWith('"') ? version : undefined;
}
