import type { MiddlewareHandler } from 'hono';

/**
 * The headers every answer carries, and CORS for browser-extension origins (configurable). All
 * are set before the route runs, so they go into the answer as it is made: set on an answer
 * already made (as `hono/cors` does for `Vary`, and as a middleware after `next()` would), each
 * header makes Hono copy the answer into a full fetch Response, a noticeable share of a cached
 * pull's time. A route that names `Cache-Control` or `Vary` itself overrides these.
 */

const ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE';
const ALLOW_HEADERS = 'Authorization,Content-Type';
/** The extension reads Retry-After on a 429 (rate limit). */
const EXPOSE_HEADERS = 'Retry-After';
const PREFLIGHT_MAX_AGE_S = '600';

/** `chrome-extension://*` matches any extension id; other patterns match exactly. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  const lower = origin.toLowerCase();
  return patterns.some((pattern) => {
    if (!pattern.endsWith('://*')) return pattern === lower;
    const scheme = pattern.slice(0, -1);
    return lower.startsWith(scheme) && /^[a-z0-9.-]+(:\d+)?$/.test(lower.slice(scheme.length));
  });
}

export function standardHeaders(corsOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && originAllowed(origin, corsOrigins);
    // No credentials header: tokens travel in Authorization, never in cookies.
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    if (c.req.method === 'OPTIONS') {
      // A preflight, on any path: without an allowed origin it grants nothing.
      if (allowed) {
        c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
        c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
        c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S);
      }
      return c.body(null, 204);
    }
    await next();
  };
}
