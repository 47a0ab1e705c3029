import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../lib/model';
import { nextInRotation } from '../../server/services/routing';
import { assignment, client, makeTeam, openTestDatabase, testApp, type TestDatabase } from './helpers';

let test: TestDatabase;
let app: ReturnType<typeof testApp>;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  test = await openTestDatabase();
  app = testApp(test.database);
  const team = await makeTeam(test.database, 'Routing team', 'boss');
  admin = client(app, team.token);
  for (const handle of ['carol', 'alice', 'bruno', 'dora']) await team.member(handle, 'service');
  await team.member('sally', 'sales');
  expect((await admin.patch('/v1/members/dora', { active: false })).status).toBe(200);
  expect((await admin.put('/v1/settings', { assignmentCap: 2 })).status).toBe(200);
});

afterAll(async () => {
  await test.close();
});

async function give(body: Record<string, unknown>): Promise<Assignment> {
  const answer = await admin.post('/v1/assignments', {
    id: uuidv7(),
    customerKey: 'x:someone',
    post: assignment().post,
    stage: 'post-purchase',
    department: 'service',
    ...body,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as Assignment;
}

const route = () => give({ route: true });
const done = async (id: string) => expect((await admin.post(`/v1/assignments/${id}/done`)).status).toBe(200);
const get = async (id: string) => (await admin.get(`/v1/assignments/${id}`)).body as Assignment;

describe('nextInRotation', () => {
  const all = () => true;
  it('goes round in handle order, after the last one served, skipping the ineligible', () => {
    const handles = ['alice', 'bruno', 'carol'];
    expect(nextInRotation(handles, null, all)).toBe('alice');
    expect(nextInRotation(handles, 'alice', all)).toBe('bruno');
    expect(nextInRotation(handles, 'carol', all)).toBe('alice');
    expect(nextInRotation(handles, 'bob', all)).toBe('bruno'); // the last one left the department
    expect(nextInRotation(handles, 'zed', all)).toBe('alice');
    expect(nextInRotation(handles, 'alice', (h) => h !== 'bruno')).toBe('carol');
    expect(nextInRotation(handles, 'alice', () => false)).toBeNull();
    expect(nextInRotation([], null, all)).toBeNull();
  });
});

describe('routing a department', () => {
  it('hands posts round-robin to active members under the cap, oldest waiting first; manual wins', async () => {
    // Three active service members (dora is inactive, sally is in sales), a cap of two each.
    const routed: Assignment[] = [];
    for (let i = 0; i < 7; i += 1) routed.push(await route());
    expect(routed.map((a) => a.assignee)).toEqual(['alice', 'bruno', 'carol', 'alice', 'bruno', 'carol', null]);
    const seventh = routed[6]!;

    // Manual assignment always wins, even over the cap.
    const manual = await give({ assignee: 'bruno', route: true });
    expect(manual.assignee).toBe('bruno');

    // Not routed when routing was not asked for: it waits for someone to claim it.
    const unrouted = await give({});
    expect(unrouted.assignee).toBeNull();

    // Another post waits behind the seventh.
    const eighth = await route();
    expect(eighth.assignee).toBeNull();

    // Carol finishes one: the oldest waiting post (the seventh) goes to her, the eighth still waits.
    await done(routed[2]!.id);
    expect((await get(seventh.id)).assignee).toBe('carol');
    expect((await get(eighth.id)).assignee).toBeNull();

    // Alice finishes one: the eighth goes to her.
    await done(routed[0]!.id);
    expect((await get(eighth.id)).assignee).toBe('alice');
    expect((await get(unrouted.id)).assignee).toBeNull();

    // Dora comes back: everyone else is at the cap, so the next post is hers.
    await admin.patch('/v1/members/dora', { active: true });
    const ninth = await route();
    expect(ninth.assignee).toBe('dora');

    const queue = (await admin.get('/v1/assignments?department=service&status=open&unassigned=true')).body as { assignments: Assignment[] };
    expect(queue.assignments.map((a) => a.id)).toEqual([unrouted.id]);
  });

  it('leaves posts waiting when the department has nobody, and routes them on request later', async () => {
    const waiting = await give({ department: 'pr', route: true });
    expect(waiting.assignee).toBeNull();
    expect((await admin.post('/v1/assignments/route', { department: 'pr' })).body).toEqual({ assigned: [] });
    await admin.post('/v1/members', { handle: 'paula', department: 'pr' });
    const answer = await admin.post('/v1/assignments/route', { department: 'pr' });
    expect(answer.body).toMatchObject({ assigned: [{ id: waiting.id, assignee: 'paula', version: 2 }] });
    // The change is in the log like any other.
    const pulled = (await admin.get('/v1/sync/changes')).body as { changes: Array<{ kind: string; record?: { id: string; assignee: string } }> };
    expect(pulled.changes.filter((c) => c.record?.id === waiting.id).at(-1)!.record!.assignee).toBe('paula');
  });

  it("follows the team's routing settings: the department for a stage, and the members who take it", async () => {
    const team = await makeTeam(test.database, 'Stage routing team', 'lead');
    const api = client(app, team.token);
    for (const handle of ['ava', 'ben', 'cy']) await team.member(handle, 'sales');
    const settings = { routing: { 'pre-purchase': 'sales' }, stageMembers: { purchase: ['cy'] } };
    expect((await api.put('/v1/settings', settings)).status).toBe(200);
    const giveAt = async (stage: string, extra: Record<string, unknown> = {}) => {
      const answer = await api.post('/v1/assignments', { id: uuidv7(), customerKey: 'x:buyer', post: assignment().post, stage, route: true, ...extra });
      expect(answer.status, answer.text).toBe(201);
      return answer.body as Assignment;
    };
    // Purchase: the sales department by default, and only cy takes purchase posts.
    const purchases = [await giveAt('purchase'), await giveAt('purchase')];
    expect(purchases.map((a) => [a.department, a.assignee])).toEqual([['sales', 'cy'], ['sales', 'cy']]);
    // Pre-purchase: sales, as this team routes it, round-robin over the whole department.
    const early = [await giveAt('pre-purchase'), await giveAt('pre-purchase')];
    expect(early.map((a) => [a.department, a.assignee])).toEqual([['sales', 'ava'], ['sales', 'ben']]);
    // Post-purchase: service by default, where this team has nobody: it waits.
    expect(await giveAt('post-purchase')).toMatchObject({ department: 'service', assignee: null });
    // A department named wins over the settings; a stage nobody routes needs one.
    expect(await giveAt('purchase', { department: 'marketing' })).toMatchObject({ department: 'marketing', assignee: null });
    const none = await api.post('/v1/assignments', { id: uuidv7(), customerKey: 'x:buyer', post: assignment().post, stage: 'none', route: true });
    expect(none.status).toBe(400);
  });

  it('keeps routing the other stages when the members of one are all at the cap', async () => {
    const team = await makeTeam(test.database, 'Capped stage team', 'chief');
    const api = client(app, team.token);
    for (const handle of ['finn', 'gus']) await team.member(handle, 'sales');
    expect((await api.put('/v1/settings', { assignmentCap: 1, stageMembers: { purchase: ['finn'] } })).status).toBe(200);
    const giveAt = async (stage: string) =>
      (await api.post('/v1/assignments', { id: uuidv7(), customerKey: 'x:buyer', post: assignment().post, stage, department: 'sales', route: true })).body as Assignment;
    expect((await giveAt('purchase')).assignee).toBe('finn');
    expect((await giveAt('purchase')).assignee).toBeNull(); // finn is at the cap: it waits
    expect((await giveAt('pre-purchase')).assignee).toBe('gus'); // not held up behind it
  });

  it('refuses a routed post without a department', async () => {
    const answer = await admin.post('/v1/assignments', {
      id: uuidv7(),
      customerKey: 'x:someone',
      post: assignment().post,
      stage: 'none',
      department: 'none',
      route: true,
    });
    expect(answer.status).toBe(400);
  });
});
