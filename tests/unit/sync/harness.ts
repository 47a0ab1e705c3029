/**
 * The real team backend (server/app.ts) in process, on an in-memory PGlite, reached through a
 * `fetch` that routes to `app.request()`. Faults are injected in that fetch, between the engine
 * and the real backend: the backend down, a 500, a request that hangs until the client gives up,
 * an answer that is not JSON, or any rewrite of an answer.
 */
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppDB } from '../../../lib/db';
import type { Department } from '../../../lib/model';
import type { FetchLike } from '../../../lib/sync';
import { createApp } from '../../../server/app';
import { openDatabase, type Database } from '../../../server/db/client';
import { migrate } from '../../../server/db/migrate';
import { createTeam } from '../../../server/services/team';
import { freshDB, SERVER_URL } from './fixtures';

export * from './fixtures';

export type Fault =
  /** The backend cannot be reached (fetch rejects, as it does offline). */
  | 'down'
  | 'status500'
  /** Never answers; rejects once the caller aborts (its timeout). */
  | 'hang'
  | 'not-json'
  /** Reaches the backend, which applies the request, but the answer is lost on the way back. */
  | 'lost-answer';

export interface Call {
  method: string;
  path: string;
  status: number | 'failed';
}

export class Backend {
  /** Faults for the next matching requests, used up in order. */
  faults: Array<{ fault: Fault; path?: RegExp }> = [];
  /** While true, every request fails as if the network were down. */
  down = false;
  /** Rewrites answers (after faults): return a Response to replace the backend's. */
  rewrite: ((path: string, res: Response) => Promise<Response | undefined>) | null = null;
  calls: Call[] = [];

  private constructor(
    readonly app: Hono,
    readonly database: Database,
  ) {}

  static async open(config: Parameters<typeof createApp>[0]['config'] = {}): Promise<Backend> {
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database.db);
    const app = createApp({
      database,
      config: {
        logRequests: false,
        rateLimit: { perSecond: 100_000, burst: 100_000 },
        channelPollMs: 100,
        channelHeartbeatMs: 300,
        ...config,
      },
    });
    return new Backend(app, database);
  }

  async close(): Promise<void> {
    await this.database.close();
  }

  /** Requests to `path` so far (e.g. `/v1/sync/push`). */
  count(path: string): number {
    return this.calls.filter((c) => c.path === path).length;
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const path = url.pathname;
    const method = init.method ?? 'GET';
    const record = (status: Call['status']) => this.calls.push({ method, path, status });
    if (url.origin !== SERVER_URL || this.down) {
      record('failed');
      throw new TypeError('fetch failed');
    }
    const index = this.faults.findIndex((f) => !f.path || f.path.test(path));
    const fault = index >= 0 ? this.faults.splice(index, 1)[0]!.fault : null;
    if (fault === 'down') {
      record('failed');
      throw new TypeError('fetch failed');
    }
    if (fault === 'status500') {
      record(500);
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'internal server error' } }), {
        status: 500,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    if (fault === 'hang') {
      record('failed');
      return new Promise<Response>((_, reject) => {
        const fail = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
        if (init.signal?.aborted) fail();
        init.signal?.addEventListener('abort', fail, { once: true });
      });
    }
    if (fault === 'not-json') {
      record(200);
      return new Response('<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    }
    const { signal: _signal, ...rest } = init;
    let res = await this.app.request(`${path}${url.search}`, rest as RequestInit);
    if (fault === 'lost-answer') {
      await res.text();
      record('failed');
      throw new TypeError('network connection lost');
    }
    if (this.rewrite) res = (await this.rewrite(path, res)) ?? res;
    record(res.status);
    return res;
  };

  /** A client for the REST routes, as an admin's script would use them. */
  api(token: string) {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await this.app.request(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    };
    return {
      get: (path: string) => call('GET', path),
      post: (path: string, body?: unknown) => call('POST', path, body),
      put: (path: string, body?: unknown) => call('PUT', path, body),
      patch: (path: string, body?: unknown) => call('PATCH', path, body),
      delete: (path: string) => call('DELETE', path),
    };
  }

  /** A new team with its admin; `member()` adds a member and returns their token. */
  async team(name: string, admin = 'ann', department: Department = 'none') {
    const { teamId, token } = await createTeam(this.database.db, { name, adminHandle: admin, department });
    const api = this.api(token);
    return {
      teamId,
      name,
      admin,
      token,
      api,
      member: async (handle: string, dept: Department = 'service', role: 'admin' | 'member' = 'member') => {
        const created = await api.post('/v1/members', { handle, department: dept, role });
        if (created.status !== 201) throw new Error(`member add: ${created.status} ${JSON.stringify(created.body)}`);
        const issued = await api.post('/v1/tokens', { handle, label: 'test' });
        if (issued.status !== 201) throw new Error(`token create: ${issued.status}`);
        return (issued.body as { token: string; id: string }).token;
      },
      tokenIds: async (handle: string) => {
        const list = await api.get('/v1/tokens');
        return (list.body as { tokens: Array<{ id: string; memberHandle: string }> }).tokens
          .filter((t) => t.memberHandle === handle)
          .map((t) => t.id);
      },
    };
  }
}


/**
 * For a test file: the in-process backend, opened before its tests and closed after them, and
 * members' databases (`db()`, or any passed to `track`) closed after each test. A file that sets
 * faults resets them in its own afterEach.
 */
export function backendPerFile(): { readonly backend: Backend; db(): AppDB; track(db: AppDB): AppDB } {
  let backend: Backend | undefined;
  const open: AppDB[] = [];
  beforeAll(async () => {
    backend = await Backend.open();
  });
  afterAll(async () => {
    await backend?.close();
  });
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  const track = (db: AppDB) => {
    open.push(db);
    return db;
  };
  return {
    get backend() {
      if (!backend) throw new Error('backendPerFile: used before its beforeAll ran');
      return backend;
    },
    db: () => track(freshDB()),
    track,
  };
}
