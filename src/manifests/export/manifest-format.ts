import { DomainError } from '../../problems/domain-error.js';

export type ManifestFormat = 'csv' | 'xlsx';

export const MEDIA_TYPES: Readonly<Record<ManifestFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * `format` wins; otherwise the first of the two media types `Accept` names by
 * preference (q), CSV for `*\/*`, `text/*` or no header; 406 when it names neither.
 */
export function chooseFormat(format: ManifestFormat | undefined, accept: string | undefined): ManifestFormat {
  if (format) return format;
  if (!accept) return 'csv';
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [type, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { type } of ranges) {
    if (type === MEDIA_TYPES.xlsx) return 'xlsx';
    if (type === 'text/csv' || type === 'text/*' || type === '*/*') return 'csv';
  }
  throw new DomainError('NOT_ACCEPTABLE', `The manifest is available as text/csv or ${MEDIA_TYPES.xlsx}; use ?format=csv|xlsx`);
}
