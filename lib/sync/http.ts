/**
 * The one way lib/sync talks to the team backend: JSON over HTTPS with a bearer token, a timeout
 * on every request, and every answer validated with zod. Failures become a SyncError whose
 * `problem` says how the engine should react (offline, error with backoff, or stop).
 */
import type { z } from 'zod';
import { ApiErrorSchema } from '../model';
import type { SyncProblem } from './state';

/** `fetch` as lib/sync uses it; the background passes the global one, tests an in-process backend. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Schedules `callback` after `ms`; returns a function that cancels it. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

export const realSetTimer: SetTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface ServerAccess {
  serverUrl: string;
  token: string;
}

export interface SyncErrorDetails {
  status?: number;
  /** The backend's error code (`token_revoked`, `cursor_ahead`, ...). */
  code?: string;
  /** From `Retry-After` on a 429 or 503. */
  retryAfterMs?: number;
  /** The backend's validation issues for a 400 (`body.mutations.3.record.id`, ...). */
  issues?: Array<{ path: string; message: string }>;
}

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly problem: SyncProblem,
    message: string,
    readonly details: SyncErrorDetails = {},
  ) {
    super(message);
  }
}

export function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

function retryAfterMs(res: Response): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 3600) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - Date.now(), 3_600_000));
}

/** The first zod issue, as `path: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST';
  /** Path and query under the server URL, e.g. `/v1/sync/changes?since=12`. */
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  timeoutMs?: number;
  setTimer?: SetTimer;
}

/** Turns a non-2xx answer into a SyncError, using the backend's `{ error: { code, message } }` when it sent one. */
async function errorFrom(res: Response, access: ServerAccess): Promise<SyncError> {
  let code: string | undefined;
  let message: string | undefined;
  let issues: SyncErrorDetails['issues'];
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(await res.text()));
    if (parsed.success) {
      code = parsed.data.error.code;
      message = parsed.data.error.message;
      issues = parsed.data.error.issues;
    }
  } catch {
    // not JSON: the status says enough
  }
  const details: SyncErrorDetails = { status: res.status };
  if (code !== undefined) details.code = code;
  if (issues !== undefined) details.issues = issues;
  const said = message ? `: ${message}` : '';
  if (res.status === 401 || res.status === 403) {
    return new SyncError('revoked', `The team server refused the access token (HTTP ${res.status}${said}).`, details);
  }
  if (res.status === 429 || res.status === 503) {
    const wait = retryAfterMs(res);
    if (wait !== undefined) details.retryAfterMs = wait;
    if (res.status === 429) return new SyncError('rate-limited', `The team server asked Switchboard to slow down (HTTP 429${said}).`, details);
  }
  if (res.status >= 500) {
    return new SyncError('server', `The team server at ${hostOf(access.serverUrl)} had a problem (HTTP ${res.status}${said}).`, details);
  }
  return new SyncError('server', `The team server refused the request (HTTP ${res.status}${said}).`, details);
}

/**
 * One request. Resolves to the validated body of a 2xx answer; rejects with a SyncError:
 * `network` (unreachable), `timeout`, `revoked` (401/403), `rate-limited` (429), `server` (other
 * status) or `protocol` (not JSON, or not the expected shape).
 */
export async function requestJson<T>(fetch: FetchLike, access: ServerAccess, options: RequestOptions<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const setTimer = options.setTimer ?? realSetTimer;
  const controller = new AbortController();
  let timedOut = false;
  const cancel = setTimer(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const headers: Record<string, string> = { Authorization: `Bearer ${access.token}`, Accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', headers, signal: controller.signal, credentials: 'omit' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const timeoutError = () =>
    new SyncError('timeout', `The team server at ${hostOf(access.serverUrl)} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  try {
    let res: Response;
    try {
      res = await fetch(`${access.serverUrl}${options.path}`, init);
    } catch (error) {
      if (timedOut) throw timeoutError();
      const why = error instanceof Error && error.message ? ` (${error.message})` : '';
      throw new SyncError('network', `Can’t reach the team server at ${hostOf(access.serverUrl)}${why}.`);
    }
    if (!res.ok) throw await errorFrom(res, access);
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      if (timedOut) throw timeoutError();
      throw new SyncError('network', `The connection to the team server broke off (${(error as Error).message}).`);
    }
    let json: unknown;
    try {
      // 204: no body; the schema says whether that is what was expected (z.undefined()).
      json = res.status === 204 && text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new SyncError('protocol', `The team server sent an answer that is not JSON (HTTP ${res.status}).`, { status: res.status });
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncError('protocol', `The team server sent an answer Switchboard does not understand (${describeIssue(parsed.error)}).`, {
        status: res.status,
      });
    }
    return parsed.data;
  } finally {
    cancel();
  }
}
