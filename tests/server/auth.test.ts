import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { revokeTokenById } from '../../server/db/global';
import * as schema from '../../server/db/schema';
import { defineRoute } from '../../server/http/define';
import type { Logger } from '../../server/http/log';
import { ROUTES } from '../../server/routes';
import { client, makeTeam, openTestDatabase, testApp, type TestDatabase, type TestTeam } from './helpers';

let test: TestDatabase;
let app: ReturnType<typeof testApp>;
let team: TestTeam;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  test = await openTestDatabase();
  app = testApp(test.database);
  team = await makeTeam(test.database, 'Auth team', 'ann');
  admin = client(app, team.token);
});

afterAll(async () => {
  await test.close();
});

async function tokenIdOf(handle: string): Promise<string> {
  const { tokens } = (await admin.get('/v1/tokens')).body as { tokens: Array<{ id: string; memberHandle: string; revokedAt: string | null }> };
  return tokens.filter((t) => t.memberHandle === handle && !t.revokedAt).at(-1)!.id;
}

describe('tokens', () => {
  it('are shown once and stored only as a SHA-256 hash', async () => {
    const made = await admin.post('/v1/tokens', { handle: 'ann', label: 'laptop' });
    expect(made.status).toBe(201);
    const { token, id, hint } = made.body as { token: string; id: string; hint: string };
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(hint)).toBe(true);
    const listed = await admin.get('/v1/tokens');
    expect(listed.text).not.toContain(token);
    const [row] = await test.database.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(hint.length));
    expect((await client(app, token).get('/v1/me')).status).toBe(200);
  });

  it('a revoked token is refused from the very next request, however it was revoked', async () => {
    const samToken = await team.member('sam', 'sales');
    const sam = client(app, samToken);
    expect((await sam.get('/v1/me')).status).toBe(200);
    expect((await admin.delete(`/v1/tokens/${await tokenIdOf('sam')}`)).status).toBe(200);
    const refused = await sam.get('/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'token_revoked' } });

    // The admin command line's path (by token id, across teams).
    const other = await admin.post('/v1/tokens', { handle: 'sam' });
    const otherToken = (other.body as { token: string }).token;
    expect((await client(app, otherToken).get('/v1/leads')).status).toBe(200);
    await revokeTokenById(test.database.db, (other.body as { id: string }).id);
    expect((await client(app, otherToken).get('/v1/leads')).status).toBe(401);
  });

  it("a deactivated member's tokens are refused, and work again after reactivation", async () => {
    const token = await team.member('dana', 'service');
    const dana = client(app, token);
    expect((await dana.get('/v1/me')).status).toBe(200);
    expect((await admin.patch('/v1/members/dana', { active: false })).body).toMatchObject({ active: false });
    expect((await dana.get('/v1/me')).body).toMatchObject({ error: { code: 'member_inactive' } });
    expect((await dana.get('/v1/me')).status).toBe(401);
    await admin.patch('/v1/members/dana', { active: true });
    expect((await dana.get('/v1/me')).status).toBe(200);
  });

  it('keeps one active admin', async () => {
    const answer = await admin.patch('/v1/members/ann', { role: 'member' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'last_admin' } });
  });

  it('records last use', async () => {
    const token = await team.member('lu', 'pr');
    await client(app, token).get('/v1/me');
    const [row] = await test.database.db.select().from(schema.apiTokens).where(eq(schema.apiTokens.memberHandle, 'lu'));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - row!.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it('refuses missing, malformed, unknown and non-bearer credentials', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'unauthenticated'],
      [{ Authorization: 'Basic YW5uOnNlY3JldA==' }, 'unauthenticated'],
      [{ Authorization: 'Bearer' }, 'unauthenticated'],
      [{ Authorization: 'Bearer not-a-token' }, 'invalid_token'],
      [{ Authorization: `Bearer sb_${'A'.repeat(43)}` }, 'invalid_token'],
      [{ Authorization: `Bearer ${team.token}x` }, 'invalid_token'],
      [{ Cookie: `token=${team.token}` }, 'unauthenticated'],
    ];
    for (const [headers, code] of cases) {
      const answer = await client(app, null).call('GET', '/v1/me', undefined, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.body).toMatchObject({ error: { code } });
    }
    // A token in the URL is not a credential.
    expect((await client(app, null).get(`/v1/me?access_token=${team.token}`)).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a token has used its burst, per token', async () => {
    const limited = testApp(test.database, { config: { rateLimit: { perSecond: 1, burst: 3 } } });
    const first = client(limited, team.token);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await first.get('/v1/me')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await first.get('/v1/me');
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
    const otherToken = await team.member('rl', 'sales');
    expect((await client(limited, otherToken).get('/v1/me')).status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers extension origins only, without credentials', async () => {
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b6e1a3c-1f1e-4d2b-9c1a-2f1e4d2b9c1a']) {
      const res = await app.request('/v1/me', { headers: { Origin: origin, Authorization: `Bearer ${team.token}` } });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const preflight = await app.request('/v1/sync/push', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
    // Errors carry the header too, so the extension can read the message.
    const unauthorized = await app.request('/v1/me', { headers: { Origin: 'chrome-extension://abc' } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');

    for (const origin of ['https://evil.example', 'http://localhost:3000', 'chrome-extension://abc.evil/x', 'null']) {
      const res = await app.request('/v1/me', { headers: { Origin: origin, Authorization: `Bearer ${team.token}` } });
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    const configured = testApp(test.database, { config: { corsOrigins: ['http://localhost:3000'] } });
    const res = await configured.request('/healthz', { headers: { Origin: 'http://localhost:3000' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const ext = await configured.request('/healthz', { headers: { Origin: 'chrome-extension://abc' } });
    expect(ext.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants nothing to a preflight from another origin', async () => {
    const preflight = await app.request('/v1/sync/push', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    for (const name of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers']) {
      expect(preflight.headers.get(name), name).toBeNull();
    }
  });
});

describe('standard headers', () => {
  it('are on answers, errors and pulls alike; a pull also varies by encoding', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const answers = {
      me: await app.request('/v1/me', { headers: { Origin: origin, Authorization: `Bearer ${team.token}` } }),
      unauthorized: await app.request('/v1/me', { headers: { Origin: origin } }),
      missing: await app.request('/v1/nothing-here', { headers: { Authorization: `Bearer ${team.token}` } }),
      pull: await app.request('/v1/sync/changes', { headers: { Origin: origin, Authorization: `Bearer ${team.token}`, 'Accept-Encoding': 'gzip' } }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('cache-control'), name).toBe('no-store');
      expect(res.headers.get('vary'), name).toMatch(/^Origin\b/);
    }
    expect(answers.me.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(answers.pull.status).toBe(200);
    expect(answers.pull.headers.get('vary')).toBe('Origin, Accept-Encoding');
    expect(answers.pull.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('errors and logs', () => {
  it('answers an unexpected failure with a bare 500, logs it, and never logs a token', async () => {
    const lines: string[] = [];
    const log: Logger = {
      info: (message, fields) => lines.push(JSON.stringify({ message, ...fields })),
      error: (message, fields) => lines.push(JSON.stringify({ message, ...fields })),
    };
    const boom = defineRoute({
      operationId: 'boom',
      method: 'get',
      path: '/v1/boom',
      summary: 'fails',
      tag: 'test',
      auth: 'member',
      responses: { 200: z.object({}) },
      async handler() {
        throw new Error('select secret_column from secret_table where 1=1');
      },
    });
    const logged = testApp(test.database, { log, routes: [...ROUTES, boom], config: { logRequests: true } });
    const api = client(logged, team.token);
    const failed = await api.get('/v1/boom');
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: { code: 'internal', message: 'internal server error' } });
    await api.get('/v1/me');
    await api.post('/v1/sync/push', '{bad');
    await client(logged, `${team.token}x`).get('/v1/me');
    expect(lines.some((line) => line.includes('secret_table'))).toBe(true);
    expect(lines.some((line) => line.includes('"status":200'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(team.token.slice(3));
      expect(line).not.toMatch(/authorization/i);
    }
  });
});
