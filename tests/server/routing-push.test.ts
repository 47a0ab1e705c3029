import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, PushResponseSchema, type Assignment, type Mutation, type PushResult } from '../../lib/model';
import { assignment, client, makeTeam, openTestDatabase, testApp, type TestDatabase } from './helpers';

/**
 * "Let the team server route it" from the badge arrives as an `assignment.put` pushed with
 * `route: true`: the backend routes it in the push's own transaction, and the member it picked
 * reaches every teammate through pull.
 */

let test: TestDatabase;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  test = await openTestDatabase();
  app = testApp(test.database);
});

afterAll(async () => {
  await test.close();
});

/** A team with three service members (alice, bruno, carol), sam in sales, and the cap given. */
async function serviceTeam(cap: number) {
  const team = await makeTeam(test.database, `Team ${uuidv7()}`, 'boss');
  const admin = client(app, team.token);
  for (const handle of ['carol', 'alice', 'bruno']) await team.member(handle, 'service');
  const sam = client(app, await team.member('sam', 'sales'));
  expect((await admin.put('/v1/settings', { assignmentCap: cap })).status).toBe(200);
  return { admin, sam };
}

type Api = ReturnType<typeof client>;

function put(record: Assignment, baseVersion: number | null, route?: boolean): Mutation {
  return { mutationId: uuidv7(), createdAt: new Date().toISOString(), type: 'assignment.put', record, baseVersion, ...(route === undefined ? {} : { route }) };
}

/** A post for the service queue, as the badge writes it: no assignee, created by `me`. */
function waiting(overrides: Partial<Assignment> = {}): Assignment {
  return assignment('x:maya', { department: 'service', assignee: null, ...overrides });
}

async function push(api: Api, mutations: Mutation[]): Promise<PushResult[]> {
  const answer = await api.post('/v1/sync/push', { mutations });
  expect(answer.status, answer.text).toBe(200);
  return PushResponseSchema.parse(answer.body).results;
}

async function get(api: Api, id: string): Promise<Assignment> {
  const answer = await api.get(`/v1/assignments/${id}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as Assignment;
}

async function pullAll(api: Api) {
  const answer = await api.get('/v1/sync/changes');
  expect(answer.status).toBe(200);
  return PullResponseSchema.parse(answer.body);
}

describe('routing through the sync push', () => {
  it('routes a pushed post with route: true, and the member chosen comes back through pull', async () => {
    const { sam } = await serviceTeam(5);
    const first = waiting();
    expect(await push(sam, [put(first, null, true)])).toEqual([{ mutationId: expect.any(String), status: 'applied' }]);
    expect(await get(sam, first.id)).toMatchObject({ assignee: 'alice', version: 2, status: 'open', createdBy: 'sam' });

    // Round-robin in handle order, in one push as in several.
    const [second, third] = [waiting(), waiting()];
    await push(sam, [put(second, null, true), put(third, null, true)]);
    expect((await get(sam, second.id)).assignee).toBe('bruno');
    expect((await get(sam, third.id)).assignee).toBe('carol');

    // Every teammate pulls the creation, then the routing (a later change of the same record).
    const pulled = await pullAll(sam);
    const ofFirst = pulled.changes.flatMap((c) => (c.kind === 'assignment' && c.record.id === first.id ? [c.record] : []));
    expect(ofFirst.map((a) => [a.version, a.assignee])).toEqual([
      [1, null],
      [2, 'alice'],
    ]);
  });

  it('without route: true the post waits in the queue for someone to claim it', async () => {
    const { sam } = await serviceTeam(5);
    const post = waiting();
    await push(sam, [put(post, null)]);
    expect(await get(sam, post.id)).toMatchObject({ assignee: null, version: 1 });
    await push(sam, [put(waiting(), null, false)]);
    expect((await get(sam, post.id)).assignee).toBeNull();
  });

  it('respects the cap: a post waits while everyone is full, and goes to whoever finishes first', async () => {
    const { sam, admin } = await serviceTeam(1);
    const posts = [waiting(), waiting(), waiting(), waiting()];
    await push(sam, posts.map((p) => put(p, null, true)));
    const holders = await Promise.all(posts.map(async (p) => (await get(sam, p.id)).assignee));
    expect(holders).toEqual(['alice', 'bruno', 'carol', null]);

    // Bruno finishes his (through push too): the waiting post is his now.
    const brunos = await get(sam, posts[1]!.id);
    const bruno = client(app, ((await admin.post('/v1/tokens', { handle: 'bruno' })).body as { token: string }).token);
    await push(bruno, [put({ ...brunos, status: 'done' }, brunos.version)]);
    expect(await get(sam, posts[3]!.id)).toMatchObject({ assignee: 'bruno', version: 2 });
  });

  it('a manual assignment wins: over the cap, and the router never takes a post back', async () => {
    const { sam } = await serviceTeam(1);
    const routed = waiting();
    await push(sam, [put(routed, null, true)]);
    expect((await get(sam, routed.id)).assignee).toBe('alice');

    // Alice is at the cap; a post given to her by name is still hers (route: true or not).
    const manual = waiting({ assignee: 'alice' });
    const alsoManual = waiting({ assignee: 'alice' });
    await push(sam, [put(manual, null, true), put(alsoManual, null)]);
    expect(await get(sam, manual.id)).toMatchObject({ assignee: 'alice', version: 1 });
    expect(await get(sam, alsoManual.id)).toMatchObject({ assignee: 'alice', version: 1 });

    // A post waiting for the router, given to carol by hand, stays hers when routing runs again.
    const queued = waiting();
    await push(sam, [put(queued, null)]);
    await push(sam, [put({ ...queued, assignee: 'carol', version: 2 }, 1)]);
    await push(sam, [put(waiting(), null, true)]);
    expect(await get(sam, queued.id)).toMatchObject({ assignee: 'carol', version: 2 });
  });

  it('routes a post already in a queue when it is moved with route: true', async () => {
    const { sam } = await serviceTeam(5);
    const post = waiting({ department: 'sales', stage: 'purchase' });
    await push(sam, [put(post, null)]);
    await push(sam, [put({ ...post, department: 'service', version: 2 }, 1, true)]);
    expect(await get(sam, post.id)).toMatchObject({ department: 'service', assignee: 'alice', version: 3 });
  });

  it('is idempotent: the same push again answers duplicate and routes nothing more', async () => {
    const { sam } = await serviceTeam(5);
    const post = waiting();
    const batch = [put(post, null, true)];
    await push(sam, batch);
    const before = await pullAll(sam);
    expect(await push(sam, batch)).toEqual([{ mutationId: batch[0]!.mutationId, status: 'duplicate' }]);
    expect(await get(sam, post.id)).toMatchObject({ assignee: 'alice', version: 2 });
    expect((await pullAll(sam)).cursor).toBe(before.cursor);
    // The round-robin did not move either: the next post goes to bruno.
    const next = waiting();
    await push(sam, [put(next, null, true)]);
    expect((await get(sam, next.id)).assignee).toBe('bruno');
  });

  it('refuses route: true on a post without a department or already done, naming the field', async () => {
    const { sam } = await serviceTeam(5);
    for (const record of [waiting({ department: 'none', stage: 'none' }), waiting({ status: 'done' })]) {
      const answer = await sam.post('/v1/sync/push', { mutations: [put(record, null, true)] });
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('mutations.0.route');
      expect((await sam.get(`/v1/assignments/${record.id}`)).status).toBe(404);
    }
    const wrongType = await sam.post('/v1/sync/push', { mutations: [{ ...put(waiting(), null), route: 'yes' }] });
    expect(wrongType.status).toBe(400);
  });
});
