import type { z } from 'zod';
import type { ApiError } from '../../lib/model';

/**
 * Errors that become HTTP answers. Anything else thrown is a bug: it is logged on the server and
 * answered `500 {"error":{"code":"internal",...}}` without its message, stack or SQL.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    /** Extra top-level fields of the body, e.g. `current` on a 409. */
    readonly extra: Record<string, unknown> = {},
    readonly issues?: Array<{ path: string; message: string }>,
    /** Response headers, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ApiError & Record<string, unknown> {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
      ...this.extra,
    };
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const conflict = (message: string, current: unknown) => new HttpError(409, 'conflict', message, { current });

const MAX_ISSUES = 20;

/** A zod failure as a 400 that says where and what, e.g. `body.mutations.0.record.id: Invalid UUID`. */
export function validationError(where: 'body' | 'query' | 'path', error: z.ZodError): HttpError {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new HttpError(400, 'invalid_request', `invalid ${where}: ${first.path}: ${first.message}${more}`, {}, issues);
}
