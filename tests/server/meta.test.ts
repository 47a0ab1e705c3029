import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, appConfigFromEnv, loadEnv } from '../../server/env';
import { originAllowed } from '../../server/http/headers';
import { RateLimiter } from '../../server/http/rate-limit';
import { ROUTES } from '../../server/routes';
import { openApiPath } from '../../server/http/openapi';
import { client, openTestDatabase, testApp, type TestDatabase } from './helpers';

let test: TestDatabase;

beforeAll(async () => {
  test = await openTestDatabase();
});

afterAll(async () => {
  await test.close();
});

describe('environment', () => {
  it('has defaults for everything', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8787, DATA_DIR: './.data', BODY_LIMIT_BYTES: 1024 * 1024, DATABASE_URL: undefined });
    expect(env.CORS_ORIGINS).toEqual(['chrome-extension://*', 'moz-extension://*']);
    expect(appConfigFromEnv(env).rateLimit).toEqual({ perSecond: 20, burst: 120 });
  });

  it('treats an empty variable as unset and parses the rest', () => {
    const env = loadEnv({ DATABASE_URL: '', PORT: '9000', CORS_ORIGINS: 'chrome-extension://*, http://localhost:5173', LOG_REQUESTS: '0' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(9000);
    expect(env.CORS_ORIGINS).toEqual(['chrome-extension://*', 'http://localhost:5173']);
    expect(loadEnv({ DATABASE_URL: 'postgresql://u:p@db:5432/x' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/x');
  });

  it('lists every bad variable, without echoing values', () => {
    try {
      loadEnv({ PORT: '70000', DATABASE_URL: 'mysql://user:hunter2@x/db', CORS_ORIGINS: 'evil', BODY_LIMIT_BYTES: 'lots' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'CORS_ORIGINS', 'BODY_LIMIT_BYTES']) expect(message).toContain(name);
      expect(message).not.toContain('hunter2');
    }
  });
});

describe('small parts', () => {
  it('matches extension origins by scheme, any id', () => {
    const patterns = ['chrome-extension://*', 'moz-extension://*', 'http://localhost:5173'];
    expect(originAllowed('chrome-extension://abcdefghijklmnop', patterns)).toBe(true);
    expect(originAllowed('moz-extension://2b7c3d4e-aaaa-bbbb-cccc-000000000000', patterns)).toBe(true);
    expect(originAllowed('http://localhost:5173', patterns)).toBe(true);
    expect(originAllowed('http://localhost:5174', patterns)).toBe(false);
    expect(originAllowed('https://chrome-extension.evil.com', patterns)).toBe(false);
    expect(originAllowed('chrome-extension://a/b', patterns)).toBe(false);
  });

  it('refills the token bucket over time', () => {
    const limiter = new RateLimiter(2, 2);
    expect(limiter.take('t', 0)).toBeNull();
    expect(limiter.take('t', 0)).toBeNull();
    expect(limiter.take('t', 0)).toBe(1);
    expect(limiter.take('t', 500)).toBeNull();
    expect(limiter.take('other', 500)).toBeNull();
  });
});

describe('health and the OpenAPI document', () => {
  it('answers /healthz 200 while the database answers, 503 when it does not', async () => {
    const app = testApp(test.database);
    expect((await client(app, null).get('/healthz')).body).toEqual({ ok: true, database: test.database.kind });
    const broken = testApp({ ...test.database, ping: () => Promise.reject(new Error('connection refused')) });
    const answer = await client(broken, null).get('/healthz');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: 'database_unreachable' } });
    expect(answer.text).not.toContain('connection refused');
  });

  it('describes every route of the table, with resolvable references', async () => {
    const doc = (await client(testApp(test.database), null).get('/v1/openapi.json')).body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; security: unknown[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    const ids = ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
    expect(doc.components.schemas.Lead).toMatchObject({ type: 'object', properties: { version: { type: 'integer' } } });
    // Request bodies are strict, as the server validates them.
    expect(doc.components.schemas.SyncPushBody).toMatchObject({ additionalProperties: false });
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.responses['500']).toBeDefined();
    }
  });
});
