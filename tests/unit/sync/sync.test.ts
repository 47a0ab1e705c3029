import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import {
  flagLead,
  logInteraction,
  openAppDB,
  setLeadStatus,
  takeOutboxBatch,
} from '../../../lib/db';
import type { Assignment, Change, Interaction, Lead, Mutation, PullResponse } from '../../../lib/model';
import {
  connect,
  createSyncEngine,
  pullAll,
  readConflicts,
  readCursor,
  readDeferred,
  readConnection,
  readRejected,
  readSyncState,
  retryRejected,
} from '../../../lib/sync';
import { backendPerFile, clock, manualTimers, post, SERVER_URL } from './harness';

const purchase = { stage: 'purchase', department: 'sales', confidence: 0.9 } as const;
const postPurchase = { stage: 'post-purchase', department: 'service', confidence: 0.9 } as const;

const env = backendPerFile();
afterEach(() => {
  env.backend.faults = [];
  env.backend.down = false;
  env.backend.rewrite = null;
});

const db = env.db;

/** A member's browser: its own database, connected with its token, and an engine (no channel). */
async function member(token: string, options: { time?: ReturnType<typeof clock>; timers?: ReturnType<typeof manualTimers>; timeoutMs?: number } = {}) {
  const local = db();
  await connect(local, { serverUrl: SERVER_URL, token }, env.backend.fetch);
  const engine = createSyncEngine({
    db: local,
    fetch: env.backend.fetch,
    channel: false,
    random: () => 0.5,
    ...(options.time ? { now: options.time.now } : {}),
    ...(options.timers ? { setTimer: options.timers.setTimer } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const handle = (await readConnection(local))!.member.handle;
  return { db: local, engine, handle };
}

/** Everything the team's backend holds, pulled from the start with a token of the team. */
async function serverChanges(token: string): Promise<Change[]> {
  const out: Change[] = [];
  let since: string | null = null;
  for (;;) {
    const res = await env.backend.api(token).get(`/v1/sync/changes?limit=1000${since ? `&since=${since}` : ''}`);
    const page = res.body as PullResponse;
    out.push(...page.changes);
    since = page.cursor;
    if (!page.hasMore) return out;
  }
}

describe('push: the outbox reaches the team exactly once', () => {
  it('drains the outbox; a second sync sends nothing', async () => {
    const team = await env.backend.team('Drain');
    const dana = await member(await team.member('dana', 'service'));
    for (let i = 0; i < 30; i += 1) {
      await logInteraction(dana.db, { post: post(`customer_${i % 3}`), inference: postPurchase }, { me: dana.handle });
    }
    await flagLead(dana.db, { post: post('lead_one'), inference: purchase }, { me: dana.handle });

    const pushesBefore = env.backend.count('/v1/sync/push');
    const state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'synced', pending: 0, failures: 0, reason: null });
    expect(await dana.db.outbox.count()).toBe(0);
    expect(dana.engine.lastReport().push).toMatchObject({ applied: 31, duplicate: 0, conflict: 0, rejected: 0 });

    const changes = await serverChanges(team.token);
    expect(changes.filter((c) => c.kind === 'interaction')).toHaveLength(30);
    expect(changes.filter((c) => c.kind === 'lead')).toHaveLength(1);
    // the server credits the member behind the token
    expect(changes.every((c) => c.kind !== 'interaction' || c.record.memberHandle === 'dana')).toBe(true);

    const pushes = env.backend.count('/v1/sync/push');
    expect(pushes).toBeGreaterThan(pushesBefore);
    await dana.engine.syncNow();
    expect(env.backend.count('/v1/sync/push')).toBe(pushes);
  });

  it('a crash between the POST and the removal: the next run sends the batch again and nothing is doubled', async () => {
    const team = await env.backend.team('Crash');
    const token = await team.member('sam', 'sales');
    const first = await member(token);
    const name = first.db.name;
    for (let i = 0; i < 10; i += 1) {
      await logInteraction(first.db, { post: post('crash_customer'), inference: purchase }, { me: 'sam' });
    }
    // The worker takes a batch and POSTs it; the backend applies it; the worker dies before reading the answer.
    const batch = await takeOutboxBatch(first.db, 500);
    const res = await env.backend.fetch(`${SERVER_URL}/v1/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ mutations: batch.map((e) => e.mutation) }),
    });
    expect(res.status).toBe(200);
    first.db.close();

    // A new worker opens the same database: the entries are still there, marked `pushing`.
    const reopened = openAppDB(name);
    env.track(reopened);
    expect((await reopened.outbox.toArray()).map((e) => e.state)).toEqual(Array(10).fill('pushing'));
    const engine = createSyncEngine({ db: reopened, fetch: env.backend.fetch, channel: false });
    expect((await engine.syncNow()).status).toBe('synced');
    expect(engine.lastReport().push).toMatchObject({ duplicate: 10, applied: 0 });
    expect(await reopened.outbox.count()).toBe(0);

    const interactions = (await serverChanges(team.token)).filter((c) => c.kind === 'interaction');
    expect(interactions).toHaveLength(10);
    expect(new Set(interactions.map((c) => (c.kind === 'interaction' ? c.record.id : ''))).size).toBe(10);
  });

  it('an answer lost on the way back: the batch goes back to pending, the retry is answered duplicate', async () => {
    const team = await env.backend.team('Lost answer');
    const dana = await member(await team.member('dana'));
    for (let i = 0; i < 5; i += 1) await logInteraction(dana.db, { post: post('lost_answer'), inference: postPurchase }, { me: 'dana' });
    env.backend.faults.push({ fault: 'lost-answer', path: /push/ });
    const failed = await dana.engine.syncNow();
    expect(failed.status).toBe('offline');
    expect((await dana.db.outbox.toArray()).map((e) => e.state)).toEqual(Array(5).fill('pending'));
    const state = await dana.engine.syncNow({ force: true });
    expect(state.status).toBe('synced');
    expect(dana.engine.lastReport().push).toMatchObject({ duplicate: 5 });
    expect((await serverChanges(team.token)).filter((c) => c.kind === 'interaction')).toHaveLength(5);
  });
});

describe('faults: 500, timeout, malformed JSON', () => {
  it('backs off with a visible reason, keeps every change, and recovers when the backend does', async () => {
    const team = await env.backend.team('Faults');
    const time = clock();
    const timers = manualTimers();
    const dana = await member(await team.member('dana'), { time, timers });
    await logInteraction(dana.db, { post: post('faulty'), inference: postPurchase }, { me: 'dana' });

    // 500
    env.backend.faults.push({ fault: 'status500', path: /push/ });
    let state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'error', problem: 'server', failures: 1, pending: 1 });
    expect(state.reason).toMatch(/had a problem \(HTTP 500/);
    expect(Date.parse(state.nextAttemptAt!) - time.ms()).toBe(1_500); // 2 s ceiling, jitter 0.5
    expect(await readSyncState(dana.db)).toEqual(state); // persisted, for a restarted worker
    expect(timers.delays()).toContain(1_500); // and a retry is scheduled

    // Before the backoff is over nothing is sent (the alarm may fire; the backend is left alone).
    const calls = env.backend.calls.length;
    expect((await dana.engine.syncNow({ reason: 'alarm' })).failures).toBe(1);
    expect(env.backend.calls.length).toBe(calls);

    // malformed JSON (a proxy's HTML page)
    time.advance(1_500);
    env.backend.faults.push({ fault: 'not-json', path: /push/ });
    state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'error', problem: 'protocol', failures: 2 });
    expect(state.reason).toMatch(/not JSON/);
    expect(Date.parse(state.nextAttemptAt!) - time.ms()).toBe(3_000);
    expect((await dana.db.outbox.toArray()).map((e) => e.state)).toEqual(['pending']);

    // the team server is down
    time.advance(3_000);
    env.backend.down = true;
    state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'offline', problem: 'network', failures: 3 });
    expect(state.reason).toMatch(/Can’t reach the team server at sb\.test/);

    // back: the scheduled retry brings everything across
    env.backend.down = false;
    time.advance(6_000);
    timers.fireAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'synced', failures: 0, nextAttemptAt: null, reason: null, pending: 0 });
    expect((await serverChanges(team.token)).filter((c) => c.kind === 'interaction')).toHaveLength(1);
  });

  it('a request that hangs times out, shows as offline, and is retried', async () => {
    const team = await env.backend.team('Timeout');
    const dana = await member(await team.member('dana'), { timeoutMs: 150 });
    await logInteraction(dana.db, { post: post('slow'), inference: postPurchase }, { me: 'dana' });
    env.backend.faults.push({ fault: 'hang', path: /push/ });
    const started = Date.now();
    const state = await dana.engine.syncNow();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(state).toMatchObject({ status: 'offline', problem: 'timeout', failures: 1 });
    expect(state.reason).toMatch(/did not answer within/);
    expect(await dana.db.outbox.where('state').equals('pending').count()).toBe(1);
    // The retry, by a worker with the real timeout: 150 ms is for the hanging push only, and would
    // time out the retry's real push and pull to the backend on a busy machine.
    dana.engine.stop(); // its own retry, scheduled by the backoff, does not run meanwhile
    const retrying = createSyncEngine({ db: dana.db, fetch: env.backend.fetch, channel: false, random: () => 0.5 });
    expect((await retrying.syncNow({ force: true })).status).toBe('synced');
    expect(await dana.db.outbox.count()).toBe(0);
  });

  it('a malformed change from the server is never written; the page waits until the backend sends it right', async () => {
    const team = await env.backend.team('Malformed');
    const ann = await member(team.token);
    for (let i = 0; i < 3; i += 1) await logInteraction(ann.db, { post: post('malformed_case'), inference: postPurchase }, { me: 'ann' });
    await ann.engine.syncNow();

    const sam = await member(await team.member('sam'));
    env.backend.rewrite = async (path, res) => {
      if (path !== '/v1/sync/changes') return undefined;
      const page = (await res.json()) as { changes: Array<{ record?: Partial<Interaction> }> };
      // The second interaction comes back with a member handle the model refuses.
      if (page.changes[1]?.record) page.changes[1].record.memberHandle = 'Not A Handle!';
      return new Response(JSON.stringify(page), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const state = await sam.engine.syncNow();
    expect(state).toMatchObject({ status: 'error', problem: 'protocol', failures: 1 });
    expect(state.reason).toMatch(/malformed interaction \(change 2 of the page: record\.memberHandle/);
    expect(await sam.db.interactions.count()).toBe(0); // not the bad one, nor its page
    expect(await readCursor(sam.db, (await readConnection(sam.db))!)).toBeNull();

    env.backend.rewrite = null;
    expect((await sam.engine.syncNow({ force: true })).status).toBe('synced');
    expect(await sam.db.interactions.count()).toBe(3);
  });

  it('a 409 cursor_ahead (the backend’s data was replaced) pulls again from the start', async () => {
    const team = await env.backend.team('Cursor ahead');
    const ann = await member(team.token);
    await logInteraction(ann.db, { post: post('cursor_case'), inference: postPurchase }, { me: 'ann' });
    await ann.engine.syncNow();
    const connection = (await readConnection(ann.db))!;
    await ann.db.meta.put({ key: 'sync.cursor', value: { teamId: connection.team.id, serverUrl: connection.serverUrl, cursor: '999999999' } });
    expect((await ann.engine.syncNow({ force: true })).status).toBe('synced');
    expect(Number(await readCursor(ann.db, connection))).toBeLessThan(999999999);
  });
});

describe('pull: the team’s changes arrive in order, once', () => {
  it('applies a teammate’s records with the customer, and moves the cursor with the page', async () => {
    const team = await env.backend.team('Pull');
    const dana = await member(await team.member('dana'));
    const sam = await member(await team.member('sam', 'sales'));
    const logged = [];
    for (let i = 0; i < 7; i += 1) {
      logged.push((await logInteraction(dana.db, { post: post('pull_customer'), inference: postPurchase }, { me: 'dana' })).interaction);
    }
    await dana.engine.syncNow();

    const samEngine = createSyncEngine({ db: sam.db, fetch: env.backend.fetch, channel: false, pullLimit: 3 });
    expect((await samEngine.syncNow()).status).toBe('synced');
    expect(samEngine.lastReport().pull).toMatchObject({ pages: 3, changes: 7 });
    const mine = await sam.db.interactions.orderBy('id').toArray();
    expect(mine.map((i) => i.id)).toEqual(logged.map((i) => i.id).sort());
    expect(mine.every((i) => i.memberHandle === 'dana')).toBe(true);
    expect(await sam.db.customers.get('x:pull_customer')).toMatchObject({ handle: 'pull_customer', lastStage: 'post-purchase' });

    // pulling again brings nothing twice
    await samEngine.syncNow();
    expect(await sam.db.interactions.count()).toBe(7);
    expect(samEngine.lastReport().pull).toMatchObject({ changes: 0 });
  });

  it('a lead pulled while a local change to it waits is held back, not written over the local change', async () => {
    const team = await env.backend.team('Held back');
    const dana = await member(await team.member('dana', 'sales'));
    const sam = await member(await team.member('sam', 'sales'));
    const { lead } = await flagLead(dana.db, { post: post('held_lead'), inference: purchase }, { me: 'dana' });
    await dana.engine.syncNow();
    await sam.engine.syncNow();
    // Dana moves it to contacted (v2) and pushes; Sam marks it lost on v1, not pushed yet.
    await setLeadStatus(dana.db, lead.id, 'contacted', { me: 'dana' });
    await dana.engine.syncNow();
    await setLeadStatus(sam.db, lead.id, 'lost', { me: 'sam' });

    const connection = (await readConnection(sam.db))!;
    await pullAll({ db: sam.db, fetch: env.backend.fetch, connection, now: () => new Date() });
    expect(await sam.db.leads.get(lead.id)).toMatchObject({ status: 'lost', version: 2 });
    expect(await readDeferred(sam.db)).toMatchObject({ [lead.id]: { kind: 'lead', version: 2 } });

    // The push meets Dana's version: lost is still reachable from contacted, so it goes on top.
    await sam.engine.syncNow();
    expect(await sam.db.leads.get(lead.id)).toMatchObject({ status: 'lost', version: 3 });
    expect(await readDeferred(sam.db)).toEqual({});
    expect(await readConflicts(sam.db)).toEqual([]);
  });
});

describe('conflicts: never a silent overwrite of a teammate', () => {
  it('a lead a teammate already closed: the team’s version is taken and the conflict is shown', async () => {
    const team = await env.backend.team('Lead conflict');
    const dana = await member(await team.member('dana', 'sales'));
    const sam = await member(await team.member('sam', 'sales'));
    const { lead } = await flagLead(dana.db, { post: post('conflict_lead'), inference: purchase }, { me: 'dana' });
    await dana.engine.syncNow();
    await sam.engine.syncNow();
    expect((await sam.db.leads.get(lead.id))!.version).toBe(1);

    for (const status of ['contacted', 'qualified', 'won'] as const) await setLeadStatus(dana.db, lead.id, status, { me: 'dana' });
    await dana.engine.syncNow();

    await setLeadStatus(sam.db, lead.id, 'contacted', { me: 'sam' }); // made on version 1
    const state = await sam.engine.syncNow();
    expect(state.status).toBe('synced');
    expect(sam.engine.lastReport().push).toMatchObject({ conflict: 1, reapplied: 0 });
    const local = (await sam.db.leads.get(lead.id))!;
    expect(local).toMatchObject({ status: 'won', version: 4 });
    const conflicts = await readConflicts(sam.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'lead', recordId: lead.id, customerKey: 'x:conflict_lead' });
    expect(conflicts[0]!.message).toBe(
      'A teammate already moved the lead on x:conflict_lead to “won” (owner @dana); your change to “contacted” was not applied.',
    );
    // and the backend still has Dana's
    const leads = (await serverChanges(team.token)).filter((c): c is Extract<Change, { kind: 'lead' }> => c.kind === 'lead');
    expect(leads.at(-1)!.record).toMatchObject({ status: 'won', version: 4 });
  });

  it('a lead status change on a newer version: the intent is applied again on top of the teammate’s', async () => {
    const team = await env.backend.team('Lead reapply');
    const dana = await member(await team.member('dana', 'sales'));
    const sam = await member(await team.member('sam', 'sales'));
    const { lead } = await flagLead(dana.db, { post: post('reapply_lead'), inference: purchase }, { me: 'dana' });
    await dana.engine.syncNow();
    await sam.engine.syncNow();
    await setLeadStatus(dana.db, lead.id, 'contacted', { me: 'dana' }); // v2
    await dana.engine.syncNow();

    // Sam, on v1, moves it on twice: contacted then qualified (two outbox entries on the stale chain)
    await setLeadStatus(sam.db, lead.id, 'contacted', { me: 'sam' });
    await setLeadStatus(sam.db, lead.id, 'qualified', { me: 'sam' });
    await sam.engine.syncNow();
    expect(await readConflicts(sam.db)).toEqual([]);
    expect(await sam.db.leads.get(lead.id)).toMatchObject({ status: 'qualified', version: 3 });
    await dana.engine.syncNow();
    expect(await dana.db.leads.get(lead.id)).toMatchObject({ status: 'qualified', version: 3 });
    const leads = (await serverChanges(team.token)).filter((c): c is Extract<Change, { kind: 'lead' }> => c.kind === 'lead');
    expect(leads.map((c) => `${c.record.version}:${c.record.status}`)).toEqual(['1:new', '2:contacted', '3:qualified']);
  });

  it('two reps claim the same post: one owns it, the other is told “@dana already took this post”', async () => {
    const team = await env.backend.team('Claim');
    const danaToken = await team.member('dana', 'service');
    const dana = await member(danaToken);
    const sam = await member(await team.member('sam', 'service'));
    const snapshot = { site: 'x', postId: '777', postKey: 'x:777', permalink: null, text: 'broken on arrival', postedAt: null } as const;
    const created = await team.api.post('/v1/assignments', {
      id: uuidv7(),
      customerKey: 'x:claim_customer',
      post: snapshot,
      stage: 'post-purchase',
      department: 'service',
    });
    expect(created.status).toBe(201);
    const assignment = created.body as Assignment;
    await sam.engine.syncNow();
    expect(await sam.db.assignments.get(assignment.id)).toMatchObject({ assignee: null, version: 1 });

    // Dana claims it first (from her badge, through the REST route)...
    expect((await env.backend.api(danaToken).post(`/v1/assignments/${assignment.id}/claim`, {})).status).toBe(200);
    // ...Sam claimed it on his side at the same moment, on version 1.
    const mine: Assignment = { ...assignment, assignee: 'sam', version: 2, updatedAt: new Date().toISOString() };
    const mutation: Mutation = { mutationId: uuidv7(), createdAt: mine.updatedAt, type: 'assignment.put', record: mine, baseVersion: 1 };
    await sam.db.transaction('rw', [sam.db.assignments, sam.db.outbox], async () => {
      await sam.db.assignments.put(mine);
      await sam.db.outbox.add({ mutationId: mutation.mutationId, customerKey: mine.customerKey, recordId: mine.id, state: 'pending', mutation });
    });
    await sam.engine.syncNow();

    expect(await sam.db.assignments.get(assignment.id)).toMatchObject({ assignee: 'dana', version: 2 });
    const [conflict] = await readConflicts(sam.db);
    expect(conflict!.message).toBe('@dana already took this post by x:claim_customer.');
    expect(await sam.db.outbox.count()).toBe(0);
    await dana.engine.syncNow();
    expect(await dana.db.assignments.get(assignment.id)).toMatchObject({ assignee: 'dana' });
  });

  it('a refused mutation is set aside with the backend’s reason, not retried in a loop', async () => {
    const team = await env.backend.team('Rejected');
    const sam = await member(await team.member('sam', 'sales'));
    // A lead owned by someone who is not in the team: the backend rejects it.
    const { lead } = await flagLead(sam.db, { post: post('rejected_lead'), inference: purchase }, { me: 'sam' });
    await sam.db.outbox.toCollection().modify((e) => {
      if (e.mutation.type === 'lead.put') e.mutation = { ...e.mutation, record: { ...e.mutation.record, owner: 'nobody' } };
    });
    await logInteraction(sam.db, { post: post('rejected_lead'), inference: purchase }, { me: 'sam' });
    const state = await sam.engine.syncNow();
    expect(state.status).toBe('synced');
    expect(await sam.db.outbox.count()).toBe(0);
    const rejected = await readRejected(sam.db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.error).toMatch(/lead owner nobody is not a member/);
    expect(await sam.db.leads.get(lead.id)).toBeTruthy(); // the local record stays
    const pushes = env.backend.count('/v1/sync/push');
    await sam.engine.syncNow();
    expect(env.backend.count('/v1/sync/push')).toBe(pushes);
    // the person may send it again once the cause is fixed
    await retryRejected(sam.db, rejected[0]!.mutation.mutationId);
    expect(await sam.db.outbox.count()).toBe(1);
    expect(await readRejected(sam.db)).toEqual([]);
  });
});

describe('offline', () => {
  it('50 interactions and 5 leads logged while the backend is down arrive exactly once, in order per customer', async () => {
    const team = await env.backend.team('Offline');
    const time = clock();
    const timers = manualTimers();
    const sam = await member(await team.member('sam', 'sales'), { time, timers });
    env.backend.down = true;

    const customers = ['train_a', 'train_b', 'train_c', 'train_d', 'train_e'];
    const order = new Map<string, string[]>();
    for (let i = 0; i < 50; i += 1) {
      const author = customers[i % 5]!;
      time.advance(1_000);
      const { interaction } = await logInteraction(
        sam.db,
        { post: post(author), inference: purchase, note: `reply ${i}` },
        { me: 'sam', now: time.now() },
      );
      order.set(`x:${author}`, [...(order.get(`x:${author}`) ?? []), interaction.id]);
      // the engine keeps trying while the train is in a tunnel
      if (i % 10 === 9) {
        time.advance(10 * 60_000);
        expect((await sam.engine.syncNow()).status).toBe('offline');
      }
    }
    const leads: Lead[] = [];
    for (const author of customers) leads.push((await flagLead(sam.db, { post: post(author), inference: purchase }, { me: 'sam', now: time.now() })).lead);

    let state = await sam.engine.syncNow({ force: true });
    expect(state).toMatchObject({ status: 'offline', pending: 55 });
    expect(state.failures).toBeGreaterThanOrEqual(5);

    env.backend.down = false;
    time.advance(10 * 60_000);
    state = await sam.engine.syncNow();
    expect(state).toMatchObject({ status: 'synced', pending: 0 });

    // a retry of everything (say, another crash) must not double anything either
    const changes = await serverChanges(team.token);
    const interactions = changes.filter((c): c is Extract<Change, { kind: 'interaction' }> => c.kind === 'interaction');
    expect(interactions).toHaveLength(50);
    expect(new Set(interactions.map((c) => c.record.id)).size).toBe(50);
    for (const [customer, ids] of order) {
      expect(interactions.filter((c) => c.record.customerKey === customer).map((c) => c.record.id)).toEqual(ids);
    }
    const pushedLeads = changes.filter((c): c is Extract<Change, { kind: 'lead' }> => c.kind === 'lead');
    expect(pushedLeads.map((c) => c.record.id).sort()).toEqual(leads.map((l) => l.id).sort());
  });
});

describe('a revoked token or a removed member', () => {
  it('stops sync with a clear message; local data stays readable; no more requests', async () => {
    const team = await env.backend.team('Revoke');
    const dana = await member(await team.member('dana'));
    await logInteraction(dana.db, { post: post('revoked_case'), inference: postPurchase }, { me: 'dana' });
    expect((await dana.engine.syncNow()).status).toBe('synced');

    const [tokenId] = await team.tokenIds('dana');
    expect((await team.api.delete(`/v1/tokens/${tokenId}`)).status).toBe(200);
    await logInteraction(dana.db, { post: post('revoked_case'), inference: postPurchase }, { me: 'dana' });
    const state = await dana.engine.syncNow();
    expect(state).toMatchObject({ status: 'error', problem: 'revoked', stopped: true, nextAttemptAt: null, pending: 1 });
    expect(state.reason).toBe(
      'Your access to Revoke was revoked (this access token was revoked). Sync has stopped; everything on this device stays readable. Ask your team admin for a new access token and connect again.',
    );
    expect(await dana.db.interactions.count()).toBe(2);
    expect(await dana.db.outbox.count()).toBe(1); // kept for a new connection

    const calls = env.backend.calls.length;
    await dana.engine.syncNow({ force: true });
    expect(env.backend.calls.length).toBe(calls);
  });

  it('a member removed from the team is told so', async () => {
    const team = await env.backend.team('Removed');
    const sam = await member(await team.member('sam', 'sales'));
    expect((await team.api.patch('/v1/members/sam', { active: false })).status).toBe(200);
    const state = await sam.engine.syncNow();
    expect(state).toMatchObject({ status: 'error', problem: 'revoked', stopped: true });
    expect(state.reason).toMatch(/^Your access to Removed was revoked \(you were removed from the team\)/);
  });

  it('connecting again with a new token resumes sync', async () => {
    const team = await env.backend.team('Resume');
    const dana = await member(await team.member('dana'));
    for (const id of await team.tokenIds('dana')) await team.api.delete(`/v1/tokens/${id}`);
    expect((await dana.engine.syncNow()).stopped).toBe(true);
    await logInteraction(dana.db, { post: post('resume_case'), inference: postPurchase }, { me: 'dana' });
    const fresh = await team.api.post('/v1/tokens', { handle: 'dana', label: 'new laptop' });
    await connect(dana.db, { serverUrl: SERVER_URL, token: (fresh.body as { token: string }).token }, env.backend.fetch);
    expect((await dana.engine.syncNow()).status).toBe('synced');
    expect(await dana.db.outbox.count()).toBe(0);
  });
});
