import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** What a page on another origin may read of an answer, beyond the CORS-safelisted headers. */
const EXPOSED = [
  'Location', 'ETag', 'Last-Modified', 'Content-Disposition', 'Content-Range', 'Accept-Ranges', 'Content-Length', 'Retry-After', 'X-Request-Id',
  'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Tus-Checksum-Algorithm',
  'Upload-Offset', 'Upload-Length', 'Upload-Expires', 'Upload-Metadata',
];
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Lets pages on the listed origins (`*`: any) call the API from a browser: a tus
 * upload, a ranged download read with `fetch`. Credentials travel in headers
 * (Authorization, X-Bundle-Secret), never in cookies, so none are allowed.
 * Only requests that carry an Origin are concerned; a preflight (OPTIONS with
 * Access-Control-Request-Method) is answered here, any other OPTIONS goes on to
 * its route (tus answers one with its version and extensions). An origin not
 * listed gets no CORS header (its preflight goes to the route as any OPTIONS),
 * and its browser keeps the answer from the page.
 */
export function crossOrigin(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const listed = new Set(origins);
  const headers = cors({
    origin: any ? '*' : true, // true: the request's own, once it was found listed
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    preflightContinue: true,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const { origin } = req.headers;
    // Whether an answer carries CORS headers depends on the Origin: caches must keep them apart.
    if (!any) res.vary('Origin');
    if (origin === undefined || !(any || listed.has(origin))) return next();
    headers(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return next();
      res.statusCode = 204;
      res.setHeader('Content-Length', '0');
      res.end();
    });
  };
}
