import { eq, getTableName, isTable } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../server/db/schema';
import { ChannelHub } from '../../server/services/channel';
import {
  assignment,
  client,
  interaction,
  lead,
  makeTeam,
  mutation,
  observation,
  openTestDatabase,
  testApp,
  type Answer,
  type TestDatabase,
  type TestTeam,
} from './helpers';
import { watchEvents } from './sse';

/**
 * Team A's data must be invisible and untouchable for team B through every route. The routes come
 * from the OpenAPI document: a route without a case here fails the test, so a new route cannot be
 * added without saying how it keeps teams apart.
 */

const SECRET = 'TEAM-A-SECRET';
const A_CUSTOMER = 'x:alice_a';

let test: TestDatabase;
let hub: ChannelHub;
let app: ReturnType<typeof testApp>;
let A: TestTeam;
let B: TestTeam;
const a = {
  postKey: '',
  leadId: '',
  assignmentId: '',
  waitingId: '',
  interactionId: '',
  tokenId: '',
  member: 'amember',
};
/** Strings that must never appear in an answer to team B. */
let secrets: string[] = [];

/** Every row of team A, in every table (token last-use and presence excluded: they move by design). */
async function snapshotA(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.values(schema) as unknown[]) {
    if (!isTable(table)) continue;
    const name = getTableName(table);
    if (name === 'presence_events') continue;
    // Any table, typed as one of them: the query is the same shape for all.
    const t = table as unknown as typeof schema.members & { id?: typeof schema.teams.id };
    const column = name === 'teams' ? t.id! : t.teamId;
    const rows = (await test.database.db.select().from(t).where(eq(column, A.teamId))) as Array<Record<string, unknown>>;
    out[name] = rows
      .map((row) => {
        const { lastUsedAt: _ignored, ...rest } = row;
        return JSON.stringify(rest);
      })
      .sort();
  }
  return out;
}

/** `echoed`: strings B itself sent, which an error message may repeat. */
function noSecrets(answer: Answer, echoed: string[] = []): void {
  for (const secret of secrets) {
    if (!echoed.includes(secret)) expect(answer.text, `answer leaks ${secret}`).not.toContain(secret);
  }
}

beforeAll(async () => {
  test = await openTestDatabase();
  hub = new ChannelHub(test.database.db, 100);
  app = testApp(test.database, { channel: hub });
  A = await makeTeam(test.database, 'Team A', 'ann');
  B = await makeTeam(test.database, 'Team B', 'ann'); // same admin handle on purpose
  await A.member(a.member, 'service');
  const api = client(app, A.token);

  const l = lead(A_CUSTOMER, { note: SECRET });
  const as = assignment(A_CUSTOMER, { assignee: a.member, post: { ...assignment().post, text: SECRET } });
  const i = interaction(A_CUSTOMER, { note: SECRET });
  const pushed = await api.post('/v1/sync/push', {
    mutations: [mutation.observation(observation(A_CUSTOMER)), mutation.interaction(i), mutation.lead(l, null), mutation.assignment(as, null)],
  });
  expect(pushed.status).toBe(200);
  a.leadId = l.id;
  a.assignmentId = as.id;
  a.interactionId = i.id;
  a.postKey = i.post.postKey;
  const waiting = await api.post('/v1/assignments', {
    id: uuidv7(),
    customerKey: A_CUSTOMER,
    post: assignment().post,
    stage: 'post-purchase',
    department: 'pr',
    route: true,
  });
  expect(waiting.status).toBe(201);
  a.waitingId = (waiting.body as { id: string }).id;
  expect((await api.put('/v1/settings', { terms: { brands: [SECRET] } })).status).toBe(200);
  const tokens = (await api.get('/v1/tokens')).body as { tokens: Array<{ id: string; hint: string }> };
  a.tokenId = tokens.tokens[0]!.id;
  secrets = [SECRET, A.teamId, A_CUSTOMER, a.leadId, a.assignmentId, a.waitingId, a.interactionId, a.tokenId, a.member, A.token, tokens.tokens[0]!.hint];
});

afterAll(async () => {
  hub.stop();
  await test.close();
});

type Case = (b: ReturnType<typeof client>) => Promise<void>;

const cases: Record<string, Case> = {
  'GET /healthz': async (b) => noSecrets(await b.get('/healthz')),
  'GET /v1/openapi.json': async (b) => noSecrets(await b.get('/v1/openapi.json')),
  'GET /v1/me': async (b) => {
    const me = await b.get('/v1/me');
    expect(me.status).toBe(200);
    expect((me.body as { team: { id: string } }).team.id).toBe(B.teamId);
    noSecrets(me);
  },
  'GET /v1/members': async (b) => noSecrets(await b.get('/v1/members')),
  'POST /v1/members': async (b) => {
    const added = await b.post('/v1/members', { handle: 'zed', department: 'sales' });
    expect(added.status).toBe(201);
    noSecrets(added);
  },
  'PATCH /v1/members/{handle}': async (b) => {
    const patched = await b.patch(`/v1/members/${a.member}`, { active: false });
    expect(patched.status).toBe(404);
    noSecrets(patched, [a.member]);
  },
  'GET /v1/tokens': async (b) => noSecrets(await b.get('/v1/tokens')),
  'POST /v1/tokens': async (b) => {
    const made = await b.post('/v1/tokens', { handle: a.member });
    expect(made.status).toBe(404);
    noSecrets(made, [a.member]);
  },
  'DELETE /v1/tokens/{id}': async (b) => {
    const revoked = await b.delete(`/v1/tokens/${a.tokenId}`);
    expect(revoked.status).toBe(404);
    noSecrets(revoked);
  },
  'GET /v1/settings': async (b) => noSecrets(await b.get('/v1/settings')),
  'PUT /v1/settings': async (b) => {
    const put = await b.put('/v1/settings', { assignmentCap: 3 });
    expect(put.status).toBe(200);
    noSecrets(put);
  },
  'GET /v1/customers': async (b) => noSecrets(await b.get('/v1/customers')),
  'GET /v1/customers/{key}': async (b) => {
    const history = await b.get(`/v1/customers/${A_CUSTOMER}`);
    expect(history.status).toBe(404);
    noSecrets(history);
  },
  'GET /v1/posts/{postKey}': async (b) => {
    // Team A acted on this post; to team B it does not exist.
    expect((await client(app, A.token).get(`/v1/posts/${a.postKey}`)).status).toBe(200);
    const history = await b.get(`/v1/posts/${a.postKey}`);
    expect(history.status).toBe(404);
    noSecrets(history);
  },
  'GET /v1/interactions': async (b) => {
    noSecrets(await b.get('/v1/interactions'));
    const filtered = await b.get(`/v1/interactions?customerKey=${A_CUSTOMER}`);
    expect(filtered.body).toEqual({ interactions: [] });
  },
  'GET /v1/leads': async (b) => noSecrets(await b.get(`/v1/leads?customerKey=${A_CUSTOMER}`)),
  'GET /v1/leads/{id}': async (b) => {
    const got = await b.get(`/v1/leads/${a.leadId}`);
    expect(got.status).toBe(404);
    noSecrets(got);
  },
  'PUT /v1/leads/{id}': async (b) => {
    const put = await b.put(`/v1/leads/${a.leadId}`, { record: lead('x:other', { id: a.leadId, status: 'won' }), baseVersion: 1 });
    expect(put.status).toBe(422);
    noSecrets(put);
  },
  'GET /v1/assignments': async (b) => noSecrets(await b.get('/v1/assignments')),
  'GET /v1/assignments/{id}': async (b) => {
    const got = await b.get(`/v1/assignments/${a.assignmentId}`);
    expect(got.status).toBe(404);
    noSecrets(got);
  },
  'POST /v1/assignments': async (b) => {
    // B may not hand a post to A's member.
    const made = await b.post('/v1/assignments', {
      id: uuidv7(),
      customerKey: 'x:other',
      post: assignment().post,
      stage: 'purchase',
      department: 'sales',
      assignee: a.member,
    });
    expect(made.status).toBe(422);
    noSecrets(made, [a.member]);
  },
  'POST /v1/assignments/route': async (b) => {
    const routed = await b.post('/v1/assignments/route', { department: 'pr' });
    expect(routed.status).toBe(200);
    expect(routed.body).toEqual({ assigned: [] });
  },
  'PUT /v1/assignments/{id}': async (b) => {
    const put = await b.put(`/v1/assignments/${a.assignmentId}`, {
      record: assignment('x:other', { id: a.assignmentId, status: 'done' }),
      baseVersion: 1,
    });
    expect(put.status).toBe(422);
    noSecrets(put);
  },
  'POST /v1/assignments/{id}/claim': async (b) => {
    const claimed = await b.post(`/v1/assignments/${a.waitingId}/claim`);
    expect(claimed.status).toBe(404);
    noSecrets(claimed);
  },
  'POST /v1/assignments/{id}/done': async (b) => {
    const done = await b.post(`/v1/assignments/${a.assignmentId}/done`);
    expect(done.status).toBe(404);
    noSecrets(done);
  },
  'GET /v1/audit': async (b) => noSecrets(await b.get('/v1/audit?limit=500')),
  'POST /v1/sync/push': async (b) => {
    const pushed = await b.post('/v1/sync/push', {
      mutations: [
        mutation.lead(lead('x:other', { id: a.leadId, status: 'lost' }), 1),
        mutation.assignment(assignment('x:other', { id: a.assignmentId, status: 'done' }), 1),
        mutation.erase(A_CUSTOMER),
      ],
    });
    expect(pushed.status).toBe(200);
    const statuses = (pushed.body as { results: Array<{ status: string }> }).results.map((r) => r.status);
    // Not `conflict` (which would hand back A's record): B has no such lead or assignment at all.
    expect(statuses).toEqual(['rejected', 'rejected', 'applied']);
    noSecrets(pushed);
  },
  // B's own erase of that key (in the push case) is in B's log: the key is B's input, not A's data.
  'GET /v1/sync/changes': async (b) => noSecrets(await b.get('/v1/sync/changes'), [A_CUSTOMER]),
  'GET /v1/sync/channel': async () => {
    const aStream = await app.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${A.token}` } });
    const bStream = await app.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${B.token}` } });
    const text = (events: unknown[]) => JSON.stringify(events);
    // Each read until what its own team sent arrived. A's events are published before B's own
    // presence, so one leaking to B would be read before the end of B's.
    const aEvents = watchEvents(aStream, 10_000, (seen) => text(seen).includes('x:a-post') && text(seen).includes('10000'));
    const bEvents = watchEvents(bStream, 10_000, (seen) => text(seen).includes('x:b-post'));
    // Both channels subscribed (their first event came): nothing published from here is missed.
    // hub.changed() is announced to the listeners there are, and to no one later.
    await Promise.all([aEvents.started(), bEvents.started()]);
    // A change in A (announced as it would be after a commit) and presence on both sides.
    hub.changed(A.teamId, 10_000);
    await client(app, A.token).post('/v1/presence', { postKey: 'x:a-post', activity: 'viewing' });
    await client(app, B.token).post('/v1/presence', { postKey: 'x:b-post', activity: 'answering' });
    const [seenByA, seenByB] = await Promise.all([aEvents.done, bEvents.done]);
    expect(text(seenByB)).not.toContain('x:a-post');
    expect(text(seenByB)).not.toContain('10000');
    expect(text(seenByB)).toContain('x:b-post');
    expect(text(seenByA)).not.toContain('x:b-post');
    expect(text(seenByA)).toContain('x:a-post');
    expect(text(seenByA)).toContain('10000');
  },
  'POST /v1/presence': async (b) => {
    const sent = await b.post('/v1/presence', { postKey: 'x:1', activity: 'left' });
    expect(sent.status).toBe(204);
  },
};

describe('team isolation, through every route of the OpenAPI document', () => {
  it('has a case for every route, and team B reaches nothing of team A', async () => {
    const doc = (await client(app, null).get('/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThan(20);
    const uncovered = routes.filter((route) => !cases[route]);
    expect(uncovered, 'routes without an isolation case: add one to this test').toEqual([]);
    expect(Object.keys(cases).filter((route) => !routes.includes(route)), 'cases for routes that no longer exist').toEqual([]);

    const before = await snapshotA();
    const b = client(app, B.token);
    for (const route of routes) {
      try {
        await cases[route]!(b);
      } catch (error) {
        throw new Error(`${route}: ${(error as Error).message}`);
      }
    }
    const after = await snapshotA();
    expect(after).toEqual(before);
    // A still works as before.
    expect((await client(app, A.token).get(`/v1/leads/${a.leadId}`)).status).toBe(200);
  });

  it('keeps the same record ids in two teams apart', async () => {
    const b = client(app, B.token);
    const sameId = lead('x:bob_b', { id: a.leadId, note: 'B note' });
    const created = await b.put(`/v1/leads/${a.leadId}`, { record: sameId, baseVersion: null });
    expect(created.status).toBe(200);
    const pushed = await b.post('/v1/sync/push', { mutations: [mutation.interaction(interaction('x:bob_b', { id: a.interactionId }))] });
    expect((pushed.body as { results: Array<{ status: string }> }).results[0]!.status).toBe('applied');

    const fromA = (await client(app, A.token).get(`/v1/leads/${a.leadId}`)).body as { note: string; customerKey: string };
    const fromB = (await b.get(`/v1/leads/${a.leadId}`)).body as { note: string; customerKey: string };
    expect(fromA.note).toBe(SECRET);
    expect(fromB.note).toBe('B note');
    const aInteractions = (await client(app, A.token).get(`/v1/interactions?customerKey=${A_CUSTOMER}`)).body as {
      interactions: Array<{ id: string }>;
    };
    expect(aInteractions.interactions.map((i) => i.id)).toEqual([a.interactionId]);
  });

  it('refuses every route but health and the document without a token, and admin routes to members', async () => {
    const doc = (await client(app, null).get('/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { security: unknown[]; 'x-switchboard-admin-only'?: boolean }>>;
    };
    const samToken = await B.member('sam', 'sales');
    const anonymous = client(app, null);
    const member = client(app, samToken);
    const fill = (path: string) => path.replace('{id}', uuidv7()).replace('{handle}', 'sam').replace('{key}', 'x:bob');
    let publicRoutes = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const answer = await anonymous.call(method.toUpperCase(), fill(path), method === 'get' || method === 'delete' ? undefined : {});
        if (op.security.length === 0) {
          publicRoutes += 1;
          expect(answer.status, `${method} ${path}`).toBe(200);
          continue;
        }
        expect(answer.status, `${method} ${path} without a token`).toBe(401);
        expect(answer.headers.get('www-authenticate')).toContain('Bearer');
        if (op['x-switchboard-admin-only']) {
          const denied = await member.call(method.toUpperCase(), fill(path), method === 'get' || method === 'delete' ? undefined : {});
          expect(denied.status, `${method} ${path} as a member`).toBe(403);
        }
      }
    }
    expect(publicRoutes).toBe(2);
  });
});

