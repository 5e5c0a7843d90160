// How zip answers are described in the OpenAPI document, shared by the routes that send them.

/** Answered before the first byte only, with `verify=true`. */
export const SOURCE_PROBLEMS = ['SOURCE_NOT_FOUND', 'SOURCE_FORBIDDEN', 'SOURCE_UNAVAILABLE'] as const;
export const ZIP = { description: 'A zip archive, streamed as it is built', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } };
