import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Member, Team } from '../../lib/model';
import type { Database } from '../db/client';
import type { HistoryMark } from '../db/global';
import type { AppConfig } from '../env';
import type { ChannelHub } from '../services/channel';
import type { ServiceContext } from '../services/context';
import type { PullCache } from '../services/pull-cache';
import { authenticate } from './auth';
import { HttpError, validationError } from './errors';
import type { Logger } from './log';
import type { RateLimiter } from './rate-limit';
import { strictInput } from './strict';

/**
 * One route = one `defineRoute({...})` in server/routes/*.ts: method, path, who may call it, the
 * zod schemas of its path, query and body, and one schema per answer status. The same objects
 * mount the route on Hono (validating the request, checking the answer) and produce the OpenAPI
 * document, so the document cannot drift from what the server does.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** `public`: no token; `member`: any active member's token; `admin`: an admin's token. */
export type AuthLevel = 'public' | 'member' | 'admin';
type Schema = z.ZodType;
/** Answer schemas by status; null for an answer without a body (204). */
export type Responses = { [status: number]: Schema | null };

export interface AuthContext {
  tokenId: string;
  team: Team;
  /** The team's change history as read with the token, before anything the request does (pull-cache.ts). */
  history: HistoryMark;
  member: Member;
  /** The team-scoped data layer, the acting member and the channel: what services take. */
  ctx: ServiceContext;
}

export interface AppDeps {
  database: Database;
  config: AppConfig;
  channel: ChannelHub;
  /** Full pull pages of this process (an optimisation only: every process reads the same database). */
  pullCache: PullCache;
  limiter: RateLimiter;
  log: Logger;
  routes: readonly AnyRoute[];
}

type Out<S> = S extends Schema ? z.output<S> : undefined;

export type Reply<R extends Responses> = {
  [K in keyof R & number]: R[K] extends Schema ? { status: K; body: z.input<R[K]> } : { status: K };
}[keyof R & number];

export interface HandlerArgs<P, Q, B, A extends AuthLevel> {
  params: P;
  query: Q;
  body: B;
  auth: A extends 'public' ? null : AuthContext;
  deps: AppDeps;
  c: Context;
}

export interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Responses,
  A extends AuthLevel,
> {
  operationId: string;
  method: Method;
  /** Hono style: `/v1/leads/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** An absent or empty body is read as `{}`. */
  bodyOptional?: boolean;
  responses: R;
  /** The route answers 200 with a stream of server-sent events whose data match `event`. */
  stream?: { event: Schema };
  handler(args: HandlerArgs<Out<P>, Out<Q>, Out<B>, A>): Promise<NoInfer<Reply<R>> | Response>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, Responses, AuthLevel>;

export function defineRoute<
  R extends Responses,
  A extends AuthLevel,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R, A>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** A handler's answer: `return reply(200, body)` (a helper so the status keeps its literal type). */
export function reply<S extends number, T>(status: S, body: T): { status: S; body: T } {
  return { status, body };
}

/** An answer without a body. */
export function noContent(): { status: 204 } {
  return { status: 204 };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;.*)?$/i;

async function readJson(c: Context, optional: boolean): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (optional) return {};
    throw new HttpError(400, 'missing_body', 'this request needs a JSON body');
  }
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as JSON, with Content-Type: application/json');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

function parse(schema: Schema | undefined, input: unknown, where: 'path' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

export function mountRoutes(app: Hono, deps: AppDeps): void {
  for (const route of deps.routes) {
    // Inputs reject unknown fields; the shared schemas are derived once, here.
    const params = route.params && strictInput(route.params as Schema);
    // No query schema means no query parameters: a stray one is a 400 rather than silently ignored.
    const query = strictInput((route.query as Schema | undefined) ?? z.object({}));
    const body = route.body && strictInput(route.body as Schema);
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const auth = route.auth === 'public' ? null : await authenticate(c, deps, route.auth === 'admin');
      const args = {
        params: parse(params, c.req.param(), 'path'),
        query: parse(query, c.req.query(), 'query'),
        body: body ? parse(body, await readJson(c, route.bodyOptional ?? false), 'body') : undefined,
        auth,
        deps,
        c,
      };
      const reply = (await route.handler(args as never)) as Response | { status: number; body?: unknown };
      if (reply instanceof Response) return reply;
      const schema = route.responses[reply.status];
      if (schema === undefined) throw new Error(`${route.operationId} answered ${reply.status}, which it does not declare`);
      if (schema === null) return c.body(null, reply.status as 204);
      const checked = schema.safeParse(reply.body);
      if (!checked.success) {
        throw new Error(`${route.operationId} answered a body that does not match its ${reply.status} schema: ${checked.error.message}`);
      }
      return c.json(checked.data as object, reply.status as 200);
    });
  }
}
