import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { assignPost, myWork } from '../../../lib/db';
import { createHandlers } from '../../../lib/db/handlers';
import { dispatch, protocol, type MessageName, type ResponseOf } from '../../../lib/messaging';
import { postKey, type Assignment, type Mutation } from '../../../lib/model';
import { connect, createSyncEngine, MEMBERS_KEY, readConflicts, readConnection, refreshIdentity, teamDirectory } from '../../../lib/sync';
import { backendPerFile, post } from './harness';

/**
 * Assignments between teammates through the real backend (in process, PGlite): a post handed to
 * the router from one member's badge reaches the member it picked, on their badge and in their
 * My work; an assignment made through the REST routes shows on badges too; the team's members
 * come from the backend for the badge's assign row.
 */

const postPurchase = { stage: 'post-purchase', department: 'service', confidence: 0.9 } as const;
const targets = { 'pre-purchase': 1440, purchase: 60, 'post-purchase': 60 };

const env = backendPerFile();

/** A member's browser: its own database, connected, with an engine and the background's handlers. */
async function member(token: string) {
  const db = env.db();
  await connect(db, { serverUrl: 'http://sb.test', token }, env.backend.fetch);
  const engine = createSyncEngine({ db, fetch: env.backend.fetch, channel: false, random: () => 0.5 });
  const handle = (await readConnection(db))!.member.handle;
  const handlers = createHandlers(db, { handle }, { team: () => teamDirectory(db) });
  const send = async <N extends MessageName>(name: N, payload: unknown) => {
    const answer = await dispatch(handlers, { name, payload }, {}, () => {});
    return protocol[name].response.parse(answer) as ResponseOf<N>;
  };
  return { db, engine, handle, send };
}

/** A team of sam (sales), dana and lee (service). */
async function team() {
  const made = await env.backend.team(`Team ${uuidv7()}`, 'boss');
  const tokens = { sam: await made.member('sam', 'sales'), dana: await made.member('dana', 'service'), lee: await made.member('lee', 'service') };
  return { ...made, sam: await member(tokens.sam), dana: await member(tokens.dana), lee: await member(tokens.lee) };
}

describe('"Let the team server route it" from a badge', () => {
  it('reaches the member the router picked: their badge says so, and their My work lists it', async () => {
    const { sam, dana, lee } = await team();
    const complaint = post('maya');
    const pk = postKey('x', complaint.postId);
    const created = await sam.send('assignment.create', { post: complaint, inference: postPurchase, department: 'service', route: true });
    expect(created.assignment).toMatchObject({ department: 'service', assignee: null, version: 1 });
    const [entry] = await sam.db.outbox.toArray();
    expect(entry!.mutation).toMatchObject({ type: 'assignment.put', route: true, baseVersion: null });

    await sam.engine.syncNow();
    await dana.engine.syncNow();
    await lee.engine.syncNow();
    // Round-robin in handle order: dana first. Sam's badge follows too.
    expect((await dana.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ assignee: 'dana', version: 2 });
    expect((await lee.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ assignee: 'dana' });
    expect((await sam.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ assignee: 'dana' });

    const now = new Date(Date.parse(complaint.postedAt!) + 20 * 60_000);
    const work = await myWork(dana.db, dana.handle, targets, now);
    expect(work).toMatchObject([{ kind: 'assignment', customerKey: 'x:maya', postId: complaint.postId, waitingMs: 20 * 60_000, targetMs: 60 * 60_000, overdue: false }]);
    expect(await myWork(lee.db, lee.handle, targets, now)).toEqual([]);

    // The next routed post goes to lee.
    const next = post('noor');
    await sam.send('assignment.create', { post: next, inference: postPurchase, department: 'service', route: true });
    await sam.engine.syncNow();
    await lee.engine.syncNow();
    expect((await myWork(lee.db, lee.handle, targets, now)).map((w) => w.customerKey)).toEqual(['x:noor']);
  });

  it('routes a post already waiting in the queue when asked again', async () => {
    const { sam, dana } = await team();
    const complaint = post('ravi');
    const pk = postKey('x', complaint.postId);
    await sam.send('assignment.create', { post: complaint, inference: postPurchase, department: 'service' });
    await sam.engine.syncNow();
    await dana.engine.syncNow();
    expect((await dana.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ assignee: null });
    await sam.send('assignment.create', { post: complaint, inference: postPurchase, department: 'service', route: true });
    await sam.engine.syncNow();
    await dana.engine.syncNow();
    expect((await dana.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ assignee: 'dana', version: 3 });
  });

  it('keeps asking for routing when its change meets a conflict', async () => {
    const { sam, dana } = await team();
    const complaint = post('ines');
    const pk = postKey('x', complaint.postId);
    // Both queue the post at once (same post, same assignment id): dana's arrives first.
    await dana.send('assignment.create', { post: complaint, inference: postPurchase, department: 'sales' });
    await sam.send('assignment.create', { post: complaint, inference: postPurchase, department: 'service', route: true });
    await dana.engine.syncNow();
    await sam.engine.syncNow();
    expect(await readConflicts(sam.db)).toEqual([]);
    await dana.engine.syncNow();
    expect((await dana.send('post.status', { postKeys: [pk] })).statuses[pk]!.assignment).toMatchObject({ department: 'service', assignee: 'dana' });
  });

  it('refuses routing with a named member or without a department, and writes nothing', async () => {
    const { sam } = await team();
    for (const payload of [
      { post: post('x1'), inference: postPurchase, department: 'service', assignee: 'dana', route: true },
      { post: post('x2'), inference: postPurchase, department: 'none', route: true },
      { post: post('x3'), inference: postPurchase, department: 'service', route: 'yes' },
    ]) {
      const answer = await dispatch(createHandlers(sam.db, { handle: 'sam' }), { name: 'assignment.create', payload }, {}, () => {});
      expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^Malformed assignment.create: route/) });
    }
    expect(await sam.db.outbox.count()).toBe(0);
    await expect(
      assignPost(sam.db, { post: post('x4'), inference: postPurchase, department: 'service', assignee: 'dana', route: true }, { me: 'sam' }),
    ).rejects.toThrow(/can be routed/);
  });
});

describe('assignments made through the REST routes', () => {
  it('show on the badge of the post, though their id is not the one the extension derives', async () => {
    const { api, dana, sam } = await team();
    const complaint = post('olga');
    const pk = postKey('x', complaint.postId);
    const id = uuidv7();
    const made = await api.post('/v1/assignments', {
      id,
      customerKey: 'x:olga',
      post: { site: 'x', postId: complaint.postId, postKey: pk, permalink: null, text: complaint.text, postedAt: complaint.postedAt },
      stage: 'post-purchase',
      department: 'service',
      assignee: 'dana',
    });
    expect(made.status).toBe(201);
    await dana.engine.syncNow();
    await sam.engine.syncNow();
    const status = (await sam.send('post.status', { postKeys: [pk, 'x:1'] })).statuses;
    expect(status[pk]!.assignment).toMatchObject({ id, assignee: 'dana' });
    expect(status['x:1']!.assignment).toBeNull();
    expect((await myWork(dana.db, 'dana', targets)).map((w) => w.id)).toEqual([id]);

    // Finishing it from dana's badge changes that record, not a second one.
    await dana.send('assignment.done', { id });
    await dana.engine.syncNow();
    const onServer = (await api.get('/v1/assignments?customerKey=x:olga')).body as { assignments: Assignment[] };
    expect(onServer.assignments).toMatchObject([{ id, status: 'done', version: 2 }]);
  });

  it('a claim from the badge takes the REST-made assignment waiting in a queue', async () => {
    const { api, dana } = await team();
    const complaint = post('pia');
    const pk = postKey('x', complaint.postId);
    const id = uuidv7();
    await api.post('/v1/assignments', {
      id,
      customerKey: 'x:pia',
      post: { site: 'x', postId: complaint.postId, postKey: pk, permalink: null, text: '', postedAt: null },
      stage: 'post-purchase',
      department: 'service',
    });
    await dana.engine.syncNow();
    const claimed = await dana.send('assignment.claim', { post: complaint, inference: postPurchase });
    expect(claimed).toMatchObject({ created: false, assignment: { id, assignee: 'dana', version: 2 } });
    const sent = (await dana.db.outbox.toArray()).map((e) => e.mutation as Extract<Mutation, { type: 'assignment.put' }>);
    expect(sent).toMatchObject([{ record: { id }, baseVersion: 1 }]);
  });
});

describe("the team's members, for the assign row", () => {
  it('come from the backend with the connection, active ones only, and follow changes', async () => {
    const made = await team();
    const { dana, api } = made;
    const listed = await dana.send('team.members', {});
    expect(listed.connected).toBe(true);
    expect(listed.members.map((m) => [m.department, m.handle])).toEqual([
      ['none', 'boss'],
      ['sales', 'sam'],
      ['service', 'dana'],
      ['service', 'lee'],
    ]);
    expect(listed.members[0]).toEqual({ handle: 'boss', displayName: 'boss', department: 'none' });

    await api.patch('/v1/members/lee', { active: false });
    await api.patch('/v1/members/sam', { displayName: 'Sam <img src=x onerror=alert(1)>' });
    // The engine asks again at most every ten minutes; a forced refresh shows the change at once.
    await refreshIdentity(dana.db, (await readConnection(dana.db))!, env.backend.fetch, { now: () => new Date(), force: true });
    const after = await dana.send('team.members', {});
    expect(after.members.map((m) => m.handle)).toEqual(['boss', 'sam', 'dana']);
    expect(after.members[1]!.displayName).toBe('Sam <img src=x onerror=alert(1)>');
  });

  it('without a connection: not connected, nobody listed; a damaged stored list reads as empty', async () => {
    const db = env.db();
    const send = (payload: unknown) => dispatch(createHandlers(db, { handle: 'me' }, { team: () => teamDirectory(db) }), { name: 'team.members', payload }, {}, () => {});
    expect(await send({})).toEqual({ ok: true, connected: false, members: [] });
    const { dana } = await team();
    await dana.db.meta.put({ key: MEMBERS_KEY, value: [{ handle: 'Not A Handle' }] });
    expect(await dana.send('team.members', {})).toEqual({ ok: true, connected: true, members: [] });
    // Without the background's directory, the answer is the same as disconnected.
    expect(await dispatch(createHandlers(db, { handle: 'me' }), { name: 'team.members', payload: {} }, {}, () => {})).toEqual({
      ok: true,
      connected: false,
      members: [],
    });
  });

  it('a connection whose member list cannot be read changes nothing', async () => {
    const made = await env.backend.team(`Team ${uuidv7()}`, 'boss');
    const token = await made.member('dana', 'service');
    const db = env.db();
    env.backend.faults = [{ fault: 'not-json', path: /^\/v1\/members$/ }];
    await expect(connect(db, { serverUrl: 'http://sb.test', token }, env.backend.fetch)).rejects.toThrow(/not like a Switchboard team server/);
    env.backend.faults = [];
    expect(await readConnection(db)).toBeUndefined();
    expect(await db.meta.get(MEMBERS_KEY)).toBeUndefined();
  });
});
