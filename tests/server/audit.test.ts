import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditListSchema, type AuditEntry } from '../../lib/model';
import { assignment, client, lead, makeTeam, openTestDatabase, testApp, type TestDatabase, type TestTeam } from './helpers';

/**
 * The audit log (issue 5): who changed what, append-only, readable by admins only. Every kind of
 * change an admin or a member makes through the API leaves its entry, with the actor taken from
 * the token, never from the request.
 */

let test: TestDatabase;
let app: ReturnType<typeof testApp>;
let team: TestTeam;
let admin: ReturnType<typeof client>;
let sam: ReturnType<typeof client>;

beforeAll(async () => {
  test = await openTestDatabase();
  app = testApp(test.database);
  team = await makeTeam(test.database, 'Audited team', 'ann');
  admin = client(app, team.token);
  sam = client(app, await team.member('sam', 'sales'));
});

afterAll(async () => {
  await test.close();
});

async function entries(): Promise<AuditEntry[]> {
  const answer = await admin.get('/v1/audit?limit=200');
  expect(answer.status).toBe(200);
  return AuditListSchema.parse(answer.body).entries;
}

describe('the audit log', () => {
  it('records members, tokens, settings, leads and assignments, each with the actor of the token', async () => {
    expect((await admin.post('/v1/members', { handle: 'dana', department: 'service' })).status).toBe(201);
    expect((await admin.patch('/v1/members/dana', { department: 'pr' })).status).toBe(200);
    const token = (await admin.post('/v1/tokens', { handle: 'dana', label: 'laptop' })).body as { id: string };
    expect((await admin.delete(`/v1/tokens/${token.id}`)).status).toBe(200);
    expect((await admin.put('/v1/settings', { assignmentCap: 5 })).status).toBe(200);

    const l = lead('x:audited', { owner: 'sam' });
    expect((await sam.put(`/v1/leads/${l.id}`, { record: l, baseVersion: null })).status).toBe(200);
    expect((await sam.put(`/v1/leads/${l.id}`, { record: { ...l, status: 'contacted' }, baseVersion: 1 })).status).toBe(200);
    const a = assignment('x:audited');
    const created = await sam.post('/v1/assignments', { id: a.id, customerKey: a.customerKey, post: a.post, stage: a.stage, department: 'service' });
    expect(created.status, created.text).toBe(201);
    expect((await sam.post(`/v1/assignments/${a.id}/claim`)).status).toBe(200);

    const log = await entries();
    const find = (action: string, targetId: string) => log.find((e) => e.action === action && e.targetId === targetId);
    expect(find('member.add', 'dana')).toMatchObject({ actor: 'ann', targetType: 'member' });
    expect(find('member.update', 'dana')).toMatchObject({ actor: 'ann', detail: { department: 'pr' } });
    expect(find('token.create', token.id)).toMatchObject({ actor: 'ann', detail: { memberHandle: 'dana' } });
    expect(find('token.revoke', token.id)).toMatchObject({ actor: 'ann' });
    expect(find('settings.update', team.teamId)).toMatchObject({ actor: 'ann' });
    expect(find('lead.create', l.id)).toMatchObject({ actor: 'sam', targetType: 'lead' });
    expect(find('lead.update', l.id)).toMatchObject({ actor: 'sam' });
    expect(log.filter((e) => e.targetId === a.id).map((e) => e.actor)).toEqual(['sam', 'sam']);
    // Newest first, ids strictly decreasing: an order no writer can reshuffle.
    expect(log.map((e) => e.id)).toEqual([...log.map((e) => e.id)].sort((x, y) => y - x));
    // No secret in it: the token's value is shown once at creation, never logged.
    expect(JSON.stringify(log)).not.toContain(team.token);
  });

  it('is readable by admins only, and nothing can change or remove an entry', async () => {
    expect((await sam.get('/v1/audit')).status).toBe(403);
    const before = await entries();
    for (const method of ['put', 'patch', 'delete'] as const) {
      const answer = await admin[method](`/v1/audit/${before[0]!.id}`, {});
      expect([404, 405], `${method} answered ${answer.status}`).toContain(answer.status);
      expect((await admin[method]('/v1/audit', {})).status).not.toBe(200);
    }
    expect(await entries()).toEqual(before);
    // A new change appends; what was there stays as it was.
    expect((await admin.put('/v1/settings', { assignmentCap: 6 })).status).toBe(200);
    const after = await entries();
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).toMatchObject({ action: 'settings.update', actor: 'ann' });
  });
});
