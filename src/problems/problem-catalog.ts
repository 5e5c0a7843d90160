/**
 * Every error the API answers with. The code is stable and machine-readable; the
 * `type` URI is derived from it and documented at `GET /problems/{slug}`.
 */
export const PROBLEM_CATALOG = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  INVALID_CURSOR: { status: 400, title: 'The pagination cursor is not valid' },
  UNAUTHORIZED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'The credential does not allow this' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  FILE_NOT_FOUND: { status: 404, title: 'No such stored file, or it belongs to another API key' },
  UPLOAD_NOT_FOUND: { status: 404, title: 'No such upload, or it belongs to another API key' },
  BUNDLE_NOT_FOUND: { status: 404, title: 'No such bundle, or the secret does not match it' },
  IMPORT_NOT_FOUND: { status: 404, title: 'No such import, or the secret does not match its bundle' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'The method is not allowed on this resource' },
  NOT_ACCEPTABLE: { status: 406, title: 'None of the accepted media types can be produced' },
  LAYOUT_NOT_POSSIBLE: { status: 409, title: 'The bundle\'s zip cannot have a fixed layout' },
  FILE_IN_USE: { status: 409, title: 'A bundle refers to the file' },
  UPLOAD_OFFSET_MISMATCH: { status: 409, title: 'The upload is not at the offset the request starts from' },
  UPLOAD_EXPIRED: { status: 410, title: 'The upload expired before it was finished' },
  TUS_VERSION_UNSUPPORTED: { status: 412, title: 'The tus protocol version is not supported' },
  BUNDLE_EXPIRED: { status: 410, title: 'The bundle has expired' },
  DIGEST_MISMATCH: { status: 400, title: 'The bytes received do not match the digest sent with them' },
  CHECKSUM_MISMATCH: { status: 460, title: 'The bytes received do not match the Upload-Checksum sent with them' },
  FILE_TOO_LARGE: { status: 413, title: 'The file is larger than the store accepts' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  IMPORT_TOO_LARGE: { status: 413, title: 'The spreadsheet is larger than an import accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body\'s media type is not accepted here' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'The requested range lies outside the file' },
  TOO_MANY_FILES: { status: 422, title: 'Too many files' },
  IMPORT_INVALID: { status: 422, title: 'Rows of the spreadsheet are not valid file references' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  SOURCE_NOT_FOUND: { status: 502, title: 'A source file does not exist' },
  SOURCE_FORBIDDEN: { status: 502, title: 'A source file may not be read' },
  SOURCE_UNAVAILABLE: { status: 502, title: 'A source file could not be read' },
  SOURCE_CHANGED: { status: 502, title: 'A source file changed while it was read' },
  SOURCE_SIZE_MISMATCH: { status: 502, title: 'A source file delivered more or fewer bytes than its size' },
  QUOTA_EXCEEDED: { status: 507, title: 'The API key\'s storage quota would be exceeded' },
  STORE_FULL: { status: 507, title: 'The store has no space left' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service cannot take this request now' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOG;

export function problemSlug(code: ProblemCode): string {
  return code.toLowerCase().replaceAll('_', '-');
}

export function problemType(code: ProblemCode, baseUrl = ''): string {
  return `${baseUrl}/problems/${problemSlug(code)}`;
}

export function codeForSlug(slug: string): ProblemCode | undefined {
  const code = slug.toUpperCase().replaceAll('-', '_');
  return code in PROBLEM_CATALOG ? (code as ProblemCode) : undefined;
}
