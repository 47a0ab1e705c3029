import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import type { Hono } from 'hono';
import type {
  Assignment,
  Interaction,
  Lead,
  Mutation,
  PostSnapshot,
  StageObservation,
} from '../../lib/model';
import { createApp, type CreateAppOptions } from '../../server/app';
import { openDatabase, type Database } from '../../server/db/client';
import { migrate } from '../../server/db/migrate';
import { createTeam } from '../../server/services/team';
import { TeamScope } from '../../server/db/scope';
import { silentNotifier, type ServiceContext } from '../../server/services/context';
import { addMember } from '../../server/services/team';
import { createToken } from '../../server/services/tokens';
import type { Department } from '../../lib/model';

/**
 * The backend test harness. One database per test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a fresh schema on that PostgreSQL server (dropped at the end), so files can
 * run in parallel without seeing each other's rows.
 */

export const onPostgres = Boolean(process.env.DATABASE_URL);

export interface TestDatabase {
  database: Database;
  /** For a process spawned against the same data (PostgreSQL only): the URL naming the schema. */
  url: string | null;
  /** Opens another connection pool on the same data (PostgreSQL), as a second backend process would. */
  reopen(): Promise<Database>;
  close(): Promise<void>;
}

export function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}search_path=${schema}`;
}

/** A fresh, empty database (not migrated). */
export async function openEmptyDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite' });
    return { database, url: null, reopen: async () => database, close: () => database.close() };
  }
  const schema = `sbtest_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create schema "${schema}"`);
  const pools: Database[] = [];
  const reopen = async () => {
    const database = await openDatabase({ kind: 'postgres', url, searchPath: schema, maxConnections: 5 });
    pools.push(database);
    return database;
  };
  const database = await reopen();
  return {
    database,
    url: withSearchPath(url, schema),
    reopen,
    close: async () => {
      for (const pool of pools) await pool.close();
      await admin.unsafe(`drop schema "${schema}" cascade`);
      await admin.end();
    },
  };
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const test = await openEmptyDatabase();
  await migrate(test.database.db);
  return test;
}

export const quietConfig: CreateAppOptions['config'] = {
  logRequests: false,
  rateLimit: { perSecond: 10_000, burst: 10_000 },
  channelPollMs: 100,
  channelHeartbeatMs: 200,
};

export function testApp(database: Database, options: Partial<CreateAppOptions> = {}): Hono {
  return createApp({ database, ...options, config: { ...quietConfig, ...options.config } });
}

export interface TestTeam {
  teamId: string;
  /** The admin's token. */
  token: string;
  admin: string;
  /** Adds a member and returns a token for them. */
  member(handle: string, department: Department, role?: 'admin' | 'member'): Promise<string>;
}

export async function makeTeam(database: Database, name = 'Team', admin = 'ann'): Promise<TestTeam> {
  const { teamId, token } = await createTeam(database.db, { name, adminHandle: admin });
  const ctx: ServiceContext = { scope: new TeamScope(database.db, teamId), actor: { handle: 'cli', role: 'admin' }, notifier: silentNotifier };
  return {
    teamId,
    token,
    admin,
    member: async (handle, department, role = 'member') => {
      await addMember(ctx, { handle, department, role });
      return (await createToken(ctx, { handle, label: 'test' })).token;
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A small client for `app.request` with a bearer token. */
export function client(app: Hono, token: string | null) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const init: RequestInit = {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    };
    const res = await app.request(path, init);
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    patch: (path: string, body?: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

// ── record builders ───────────────────────────────────────────────────────────────────────────

let postCounter = 0;
const now = () => new Date().toISOString();

export function post(customer = 'x:bob', text = 'how much is the blue one?'): PostSnapshot {
  const site = customer.split(':')[0] as PostSnapshot['site'];
  postCounter += 1;
  const postId = `${Date.now()}${postCounter}`;
  return { site, postId, postKey: `${site}:${postId}`, permalink: null, text, postedAt: null };
}

export function observation(customer = 'x:bob', overrides: Partial<StageObservation> = {}): StageObservation {
  return {
    id: uuidv7(),
    customerKey: customer,
    post: post(customer),
    stage: 'purchase',
    department: 'sales',
    confidence: 0.8,
    observedAt: now(),
    observedBy: 'me',
    ...overrides,
  };
}

export function interaction(customer = 'x:bob', overrides: Partial<Interaction> = {}): Interaction {
  return {
    id: uuidv7(),
    customerKey: customer,
    post: post(customer),
    kind: 'reply',
    note: 'answered',
    stage: 'purchase',
    department: 'sales',
    memberHandle: 'me',
    createdAt: now(),
    ...overrides,
  };
}

export function lead(customer = 'x:bob', overrides: Partial<Lead> = {}): Lead {
  return {
    id: uuidv7(),
    customerKey: customer,
    source: post(customer),
    status: 'new',
    owner: 'me',
    note: '',
    createdAt: now(),
    updatedAt: now(),
    version: 1,
    ...overrides,
  };
}

export function assignment(customer = 'x:bob', overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: uuidv7(),
    customerKey: customer,
    post: post(customer),
    stage: 'post-purchase',
    department: 'service',
    assignee: null,
    status: 'open',
    createdBy: 'me',
    createdAt: now(),
    updatedAt: now(),
    version: 1,
    ...overrides,
  };
}

type Without<T, K extends keyof T> = Omit<T, K>;
export const mutation = {
  observation: (record: StageObservation): Mutation => ({ mutationId: uuidv7(), createdAt: now(), type: 'observation.add', record }),
  interaction: (record: Interaction): Mutation => ({ mutationId: uuidv7(), createdAt: now(), type: 'interaction.add', record }),
  lead: (record: Lead, baseVersion: number | null): Mutation => ({ mutationId: uuidv7(), createdAt: now(), type: 'lead.put', record, baseVersion }),
  assignment: (record: Assignment, baseVersion: number | null): Mutation => ({
    mutationId: uuidv7(),
    createdAt: now(),
    type: 'assignment.put',
    record,
    baseVersion,
  }),
  erase: (customerKey: string): Without<Extract<Mutation, { type: 'customer.erase' }>, never> => ({
    mutationId: uuidv7(),
    createdAt: now(),
    type: 'customer.erase',
    customerKey,
  }),
};
