import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../lib/model';
import {
  assignment,
  client,
  interaction,
  lead,
  makeTeam,
  mutation,
  openTestDatabase,
  testApp,
  type Answer,
  type TestDatabase,
} from './helpers';

/**
 * Bad input gets a 4xx with a clear JSON message, never a 500, never a stack trace or SQL. The
 * routes that take a body come from the OpenAPI document; each needs a valid sample below (to
 * which an unknown field is then added), so a new route cannot skip these checks.
 */

let test: TestDatabase;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof client>;
let token: string;

interface Operation {
  method: string;
  path: string;
  operationId: string;
}
const bodyRoutes: Operation[] = [];
const allRoutes: Operation[] = [];

const samples: Record<string, () => { path?: string; body: Record<string, unknown> }> = {
  addMember: () => ({ body: { handle: 'valid_member', department: 'sales' } }),
  updateMember: () => ({ path: '/v1/members/sam', body: { active: true } }),
  createToken: () => ({ body: { handle: 'sam' } }),
  putSettings: () => ({ body: { assignmentCap: 5 } }),
  putLead: () => {
    const record = lead();
    return { path: `/v1/leads/${record.id}`, body: { record, baseVersion: null } };
  },
  createAssignment: () => ({
    body: { id: uuidv7(), customerKey: 'x:bob', post: assignment().post, stage: 'purchase', department: 'sales' },
  }),
  routeAssignments: () => ({ body: { department: 'service' } }),
  putAssignment: () => {
    const record = assignment();
    return { path: `/v1/assignments/${record.id}`, body: { record, baseVersion: null } };
  },
  claimAssignment: () => ({ path: `/v1/assignments/${uuidv7()}/claim`, body: {} }),
  finishAssignment: () => ({ path: `/v1/assignments/${uuidv7()}/done`, body: {} }),
  syncPush: () => ({ body: { mutations: [mutation.interaction(interaction())] } }),
  publishPresence: () => ({ body: { postKey: 'x:1', activity: 'viewing' } }),
};

const fill = (path: string) => path.replace('{id}', uuidv7()).replace('{handle}', 'sam').replace('{key}', 'x:bob');

/** A 4xx whose body is an ApiError, with nothing of the server's insides. */
function expectClear4xx(answer: Answer, label: string): void {
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  const parsed = ApiErrorSchema.safeParse(answer.body);
  expect(parsed.success, `${label}: not an ApiError: ${answer.text.slice(0, 200)}`).toBe(true);
  expect(parsed.data!.error.message.length).toBeGreaterThan(5);
  expect(answer.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|\bselect\b.+\bfrom\b|\binsert into\b|PGlite|postgres\.js/i);
}

beforeAll(async () => {
  test = await openTestDatabase();
  app = testApp(test.database);
  const team = await makeTeam(test.database);
  await team.member('sam', 'sales');
  token = team.token;
  api = client(app, token);
  const doc = (await api.get('/v1/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      allRoutes.push({ method: method.toUpperCase(), path, operationId: op.operationId });
      if (op.requestBody) bodyRoutes.push({ method: method.toUpperCase(), path, operationId: op.operationId });
    }
  }
});

afterAll(async () => {
  await test.close();
});

describe('request bodies', () => {
  it('has a valid sample for every route that takes a body, and each is accepted', async () => {
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(12);
    expect(bodyRoutes.filter((r) => !samples[r.operationId]).map((r) => r.operationId), 'add a sample for these').toEqual([]);
    for (const route of bodyRoutes) {
      const sample = samples[route.operationId]!();
      const answer = await api.call(route.method, sample.path ?? fill(route.path), sample.body);
      // Accepted by validation: whatever the outcome, it is not a 400, 413 or 415.
      expect([400, 413, 415], `${route.operationId}: ${answer.text.slice(0, 300)}`).not.toContain(answer.status);
      expect(answer.status).toBeLessThan(500);
    }
  });

  it('refuses an unknown field, at the top and nested, naming it', async () => {
    for (const route of bodyRoutes) {
      const sample = samples[route.operationId]!();
      const answer = await api.call(route.method, sample.path ?? fill(route.path), { ...sample.body, surprise: 1 });
      expectClear4xx(answer, route.operationId);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('surprise');
    }
    const nested = mutation.interaction(interaction());
    (nested as { record: { post: Record<string, unknown> } }).record.post.extra = 'x';
    const answer = await api.post('/v1/sync/push', { mutations: [nested] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { issues: [{ path: 'body.mutations.0.record.post', message: expect.stringContaining('extra') }] } });
  });

  it('refuses malformed JSON, wrong types and the wrong content type with a clear 4xx', async () => {
    const bad: Array<[string, unknown, Record<string, string>?]> = [
      ['truncated JSON', '{"mutations": [', undefined],
      ['not JSON', 'hello', undefined],
      ['an array', '[]', undefined],
      ['a string', '"text"', undefined],
      ['a number', '42', undefined],
      ['null', 'null', undefined],
      ['wrong field types', JSON.stringify({ mutations: 'all', handle: 7, department: ['x'], record: 1, baseVersion: 'one', postKey: {} })],
      ['huge strings', JSON.stringify({ handle: 'a'.repeat(100_000), department: 'sales', postKey: 'x'.repeat(100_000), activity: 'viewing' })],
      ['deep nesting', '['.repeat(200_000) + ']'.repeat(200_000)],
      ['text/plain', JSON.stringify({ department: 'service' }), { 'Content-Type': 'text/plain' }],
    ];
    for (const route of bodyRoutes) {
      const path = samples[route.operationId]!().path ?? fill(route.path);
      for (const [label, body, headers] of bad) {
        const answer = await api.call(route.method, path, body, headers);
        expectClear4xx(answer, `${route.operationId} with ${label}`);
      }
    }
    const malformed = await api.post('/v1/sync/push', '{"mutations": [');
    expect(malformed.body).toMatchObject({ error: { code: 'malformed_json', message: expect.stringContaining('not valid JSON') } });
    const plain = await api.call('POST', '/v1/presence', '{}', { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    const missing = await api.call('POST', '/v1/sync/push');
    expect(missing.body).toMatchObject({ error: { code: 'missing_body' } });
  });

  it('refuses a body over the cap with 413, whether its length is announced or streamed', async () => {
    const huge = JSON.stringify({ mutations: Array.from({ length: 3000 }, () => mutation.interaction(interaction())) });
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const announced = await api.post('/v1/sync/push', huge);
    expect(announced.status).toBe(413);
    expect(announced.body).toMatchObject({ error: { code: 'body_too_large', message: expect.stringContaining('1048576 bytes') } });

    const bytes = new TextEncoder().encode(huge);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await app.request('/v1/sync/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('paths and queries', () => {
  it('refuses bad path parameters, bad query values and unknown query parameters', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/leads/not-a-uuid', 'path.id'],
      ['/v1/customers/nosite', 'path.key'],
      ['/v1/members?x=1', 'Unrecognized key'],
      ['/v1/leads?status=maybe', 'query.status'],
      ['/v1/interactions?limit=abc', 'query.limit'],
      ['/v1/interactions?limit=0', 'query.limit'],
      ['/v1/customers?before=yesterday', 'query.before'],
      ['/v1/audit?before=-3', 'query.before'],
      ['/v1/sync/changes?since=1.5', 'query.since'],
    ];
    for (const [path, mention] of cases) {
      const answer = await api.get(path);
      expectClear4xx(answer, path);
      expect(answer.text, path).toContain(mention);
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const answer = await api.get('/v1/nothing-here');
    expect(answer.status).toBe(404);
    expectClear4xx(answer, 'unknown route');
  });

  it('never answers 500 to any route given junk', async () => {
    for (const route of allRoutes) {
      for (const junk of ['{', '[1,2]', '{"a":{"b":{"c":[]}}}']) {
        const answer = await api.call(route.method, fill(route.path) + '?limit=-1&junk=%00', route.method === 'GET' ? undefined : junk);
        expect(answer.status, `${route.method} ${route.path}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });
});
