import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostHistorySchema, PUSH_BATCH_MAX, PullResponseSchema, PushResponseSchema, type Change, type Lead, type PushResult } from '../../lib/model';
import { presenceEvents } from '../../server/db/schema';
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
  type TestDatabase,
  type TestTeam,
} from './helpers';
import { readEvents } from './sse';

let test: TestDatabase;
let hub: ChannelHub;
let app: ReturnType<typeof testApp>;
let team: TestTeam;
let admin: ReturnType<typeof client>;
let sam: ReturnType<typeof client>;
let samToken: string;

beforeAll(async () => {
  test = await openTestDatabase();
  hub = new ChannelHub(test.database.db, 100);
  app = testApp(test.database, { channel: hub });
  team = await makeTeam(test.database, 'Sync team', 'ann');
  samToken = await team.member('sam', 'sales');
  await team.member('dana', 'service');
  admin = client(app, team.token);
  sam = client(app, samToken);
});

afterAll(async () => {
  hub.stop();
  await test.close();
});

async function push(api: ReturnType<typeof client>, mutations: unknown[]): Promise<PushResult[]> {
  const answer = await api.post('/v1/sync/push', { mutations });
  expect(answer.status, answer.text).toBe(200);
  return PushResponseSchema.parse(answer.body).results;
}

async function pullAll(api: ReturnType<typeof client>, since = '0'): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const answer = await api.get(`/v1/sync/changes?since=${cursor}&limit=7`);
    expect(answer.status, answer.text).toBe(200);
    const page = PullResponseSchema.parse(answer.body);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

const ids = (changes: Change[]) => changes.map((c) => ('record' in c ? c.record.id : c.customerKey));

describe('push', () => {
  it('applies the same push sent twice once', async () => {
    const { cursor: start } = await pullAll(admin);
    const customer = 'x:twice';
    const batch = [
      mutation.observation(observation(customer)),
      mutation.interaction(interaction(customer)),
      mutation.lead(lead(customer), null),
      mutation.assignment(assignment(customer), null),
    ];
    expect((await push(sam, batch)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect((await push(sam, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const { changes } = await pullAll(admin, start);
    expect(changes.map((c) => c.kind)).toEqual(['observation', 'interaction', 'lead', 'assignment']);
    const history = (await admin.get(`/v1/customers/${customer}`)).body as Record<string, unknown[]>;
    expect([history.observations!.length, history.interactions!.length, history.leads!.length, history.assignments!.length]).toEqual([1, 1, 1, 1]);
  });

  it('applies the same push sent concurrently once', async () => {
    const customer = 'x:racing';
    const batch = Array.from({ length: 20 }, () => mutation.interaction(interaction(customer)));
    const answers = await Promise.all([push(sam, batch), push(sam, batch), push(sam, batch)]);
    const applied = answers.flat().filter((r) => r.status === 'applied').length;
    expect(applied).toBe(20);
    const listed = (await admin.get(`/v1/interactions?customerKey=${customer}&limit=500`)).body as { interactions: unknown[] };
    expect(listed.interactions).toHaveLength(20);
  });

  it('treats a repeated mutation id or record id inside one batch as a duplicate', async () => {
    const m = mutation.interaction(interaction('x:dup'));
    const sameRecord = { ...mutation.interaction(interaction('x:dup')), record: (m as { record: object }).record };
    const results = await push(sam, [m, m, sameRecord]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'duplicate', 'duplicate']);
  });

  it('takes who did it from the token, and versions from the base version', async () => {
    const i = interaction('x:who', { memberHandle: 'someone-else' });
    const o = observation('x:who', { observedBy: 'me' });
    const l = lead('x:who', { owner: 'me', version: 42 });
    await push(sam, [mutation.interaction(i), mutation.observation(o), mutation.lead(l, null)]);
    const history = (await admin.get('/v1/customers/x:who')).body as {
      interactions: Array<{ memberHandle: string }>;
      observations: Array<{ observedBy: string }>;
      leads: Lead[];
    };
    expect(history.interactions[0]!.memberHandle).toBe('sam');
    expect(history.observations[0]!.observedBy).toBe('sam');
    expect(history.leads[0]!.owner).toBe('sam');
    expect(history.leads[0]!.version).toBe(1);
    expect((await admin.get('/v1/customers/x:who')).body).toMatchObject({ customer: { lastStage: 'purchase' } });
  });

  it('answers a stale compare-and-set with the current record and changes nothing', async () => {
    const l = lead('x:cas');
    await push(sam, [mutation.lead(l, null)]);
    const won = mutation.lead({ ...l, status: 'won', note: 'first' }, 1);
    expect((await push(sam, [won]))[0]!.status).toBe('applied');
    const { cursor } = await pullAll(admin);

    const stale = mutation.lead({ ...l, status: 'lost', note: 'second' }, 1);
    const [result] = await push(admin, [stale]);
    expect(result).toMatchObject({ status: 'conflict', current: { id: l.id, version: 2, status: 'won', note: 'first' } });
    // Not recorded as applied: a retry is judged again (and conflicts again), nothing logged.
    expect((await push(admin, [stale]))[0]!.status).toBe('conflict');
    expect((await pullAll(admin, cursor)).changes).toEqual([]);
    expect((await admin.get(`/v1/leads/${l.id}`)).body).toMatchObject({ version: 2, status: 'won' });

    // Creating an id that exists is a conflict too.
    expect((await push(admin, [mutation.lead(lead('x:cas', { id: l.id }), null)]))[0]!.status).toBe('conflict');
  });

  it('rejects leads and assignments naming people outside the team', async () => {
    const results = await push(sam, [
      mutation.lead(lead('x:who2', { owner: 'stranger' }), null),
      mutation.assignment(assignment('x:who2', { assignee: 'stranger' }), null),
      mutation.lead(lead('x:who2', { owner: 'dana' }), null),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect((results[0] as { error: string }).error).toContain('stranger');
  });

  it('refuses more than PUSH_BATCH_MAX mutations with a 400', async () => {
    const tooMany = Array.from({ length: PUSH_BATCH_MAX + 1 }, () => mutation.interaction(interaction('x:many')));
    const answer = await sam.post('/v1/sync/push', { mutations: tooMany });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('mutations');
  });

  it('erases a customer for an admin: records and their changes go, the erase is announced', async () => {
    const customer = 'x:forget_me';
    const { cursor } = await pullAll(admin);
    await push(sam, [mutation.interaction(interaction(customer, { note: 'private words' })), mutation.lead(lead(customer), null)]);
    expect((await push(sam, [mutation.erase(customer)]))[0]!.status).toBe('rejected');
    const results = await push(admin, [mutation.observation(observation(customer)), mutation.erase(customer)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await admin.get(`/v1/customers/${customer}`)).status).toBe(404);
    const { changes } = await pullAll(admin, cursor);
    expect(changes).toEqual([{ seq: expect.any(Number), kind: 'customer.erased', customerKey: customer }]);
    expect(JSON.stringify((await pullAll(admin)).changes)).not.toContain('private words');
  });
});

describe('pull', () => {
  it('pages through changes in order with a cursor, with no gaps under concurrent pushes', async () => {
    const { cursor: start } = await pullAll(admin);
    const batches = Array.from({ length: 8 }, (_, n) =>
      Array.from({ length: 5 }, () => mutation.interaction(interaction(`x:page_${n}`))),
    );
    await Promise.all(batches.map((batch, n) => push(n % 2 ? sam : admin, batch)));
    const { changes, cursor } = await pullAll(admin, start);
    expect(changes).toHaveLength(40);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => Number(start) + 1 + i));
    expect(cursor).toBe(String(seqs.at(-1)));
    expect(new Set(ids(changes)).size).toBe(40);
  });

  it('says so when a cursor is ahead of the server, and refuses a malformed one', async () => {
    const ahead = await admin.get('/v1/sync/changes?since=999999999');
    expect(ahead.status).toBe(409);
    expect(ahead.body).toMatchObject({ error: { code: 'cursor_ahead' } });
    const bad = await admin.get('/v1/sync/changes?since=abc');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('since');
    const big = await admin.get('/v1/sync/changes?limit=5000');
    expect(big.status).toBe(400);
  });
});

describe('REST compare-and-set', () => {
  it('GET /v1/posts/:postKey: a post acted on, with its interactions, lead and assignment; 404 for one nobody touched', async () => {
    const i = interaction('x:post_owner');
    const thePost = i.post;
    const l = lead('x:post_owner', { source: thePost, owner: 'sam' });
    const a = assignment('x:post_owner', { post: { ...thePost, text: 'edited since' } });
    const other = interaction('x:post_owner');
    expect((await push(sam, [mutation.interaction(i), mutation.lead(l, null), mutation.assignment(a, null), mutation.interaction(other)])).map((r) => r.status)).toEqual([
      'applied', 'applied', 'applied', 'applied',
    ]);
    const answer = await sam.get(`/v1/posts/${thePost.postKey}`);
    expect(answer.status).toBe(200);
    const history = PostHistorySchema.parse(answer.body);
    expect(history).toMatchObject({ postKey: thePost.postKey, customerKey: 'x:post_owner' });
    expect(history.interactions.map((x) => x.id)).toEqual([i.id]);
    expect(history.leads.map((x) => x.id)).toEqual([l.id]);
    expect(history.assignments.map((x) => x.id)).toEqual([a.id]);
    expect((await sam.get('/v1/posts/x:404404404')).status).toBe(404);
  });

  it('PUT /v1/leads/:id answers 409 with the current lead for a stale version', async () => {
    const l = lead('x:rest');
    expect((await sam.put(`/v1/leads/${l.id}`, { record: l, baseVersion: null })).status).toBe(200);
    expect((await sam.put(`/v1/leads/${l.id}`, { record: { ...l, status: 'contacted' }, baseVersion: 1 })).body).toMatchObject({ version: 2 });
    const stale = await admin.put(`/v1/leads/${l.id}`, { record: { ...l, status: 'lost' }, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'conflict' }, current: { version: 2, status: 'contacted' } });
    expect((await admin.get(`/v1/leads/${l.id}`)).body).toMatchObject({ version: 2, status: 'contacted' });
    const mismatch = await admin.put(`/v1/leads/${uuidv7()}`, { record: l, baseVersion: 2 });
    expect(mismatch.status).toBe(400);
  });

  it('lets exactly one of two members claim a post; the other learns who has it', async () => {
    const created = await admin.post('/v1/assignments', {
      id: uuidv7(),
      customerKey: 'x:claim',
      post: assignment().post,
      stage: 'post-purchase',
      department: 'service',
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const [first, second] = await Promise.all([sam.post(`/v1/assignments/${id}/claim`), admin.post(`/v1/assignments/${id}/claim`)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? 'sam' : 'ann';
    expect(loser.body).toMatchObject({ error: { message: `${winner} already has this post` }, current: { assignee: winner } });
    // Claiming again as the owner is fine; finishing with a stale version is not.
    const owner = winner === 'sam' ? sam : admin;
    expect((await owner.post(`/v1/assignments/${id}/claim`)).status).toBe(200);
    expect((await owner.post(`/v1/assignments/${id}/done`, { baseVersion: 1 })).status).toBe(409);
    const done = await owner.post(`/v1/assignments/${id}/done`, { baseVersion: 2 });
    expect(done.body).toMatchObject({ status: 'done', version: 3 });
    const stalePut = await admin.put(`/v1/assignments/${id}`, { record: { ...(done.body as object), status: 'open' }, baseVersion: 2 });
    expect(stalePut.status).toBe(409);
    expect((await admin.get(`/v1/assignments/${id}`)).body).toMatchObject({ status: 'done', version: 3 });
  });
});

describe('push channel (server-sent events)', () => {
  it("starts with the team's cursor and announces a push", async () => {
    const res = await app.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${samToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res, 10_000, (events) => events.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { cursor: before } = await pullAll(admin);
    await push(admin, [mutation.interaction(interaction('x:live'))]);
    const events = await reading;
    expect(events[0]).toEqual({ event: 'changed', data: { type: 'changed', cursor: before } });
    expect(events[1]).toEqual({ event: 'changed', data: { type: 'changed', cursor: String(Number(before) + 1) } });
  });

  it('announces changes and presence made through another backend process on the same database', async () => {
    // A second app with its own hub, as a second process would have; on PostgreSQL its own pool too.
    const other = await test.reopen();
    const hub2 = new ChannelHub(other.db, 100);
    const app2 = testApp(other, { channel: hub2 });
    try {
      const res = await app2.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${samToken}` } });
      const reading = readEvents(res, 10_000, (events) => events.some((e) => e.event === 'presence') && events.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await push(admin, [mutation.interaction(interaction('x:elsewhere'))]);
      expect((await admin.post('/v1/presence', { postKey: 'x:123', activity: 'answering' })).status).toBe(204);
      const events = await reading;
      expect(events.filter((e) => e.event === 'changed')).toHaveLength(2);
      expect(events.find((e) => e.event === 'presence')).toMatchObject({
        data: { type: 'presence', memberHandle: 'ann', postKey: 'x:123', activity: 'answering' },
      });
    } finally {
      hub2.stop();
    }
  });

  it("starts with the team's current presence: each member's latest at each post within a minute, not who left", async () => {
    const lee = client(app, await team.member('lee', 'sales'));
    const other = await makeTeam(test.database, 'Another team', 'zed');
    await admin.post('/v1/presence', { postKey: 'x:900', activity: 'viewing' });
    await admin.post('/v1/presence', { postKey: 'x:900', activity: 'answering' });
    await admin.post('/v1/presence', { postKey: 'x:902', activity: 'viewing' });
    await lee.post('/v1/presence', { postKey: 'x:901', activity: 'viewing' });
    await lee.post('/v1/presence', { postKey: 'x:901', activity: 'left' });
    await client(app, other.token).post('/v1/presence', { postKey: 'x:900', activity: 'viewing' });
    // Two minutes ago: no longer worth anything.
    await test.database.db.insert(presenceEvents).values({
      teamId: team.teamId,
      origin: 'elsewhere',
      at: new Date(Date.now() - 120_000),
      event: { type: 'presence', memberHandle: 'dana', postKey: 'x:903', activity: 'viewing', at: new Date(Date.now() - 120_000).toISOString() },
    });

    const res = await app.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${samToken}` } });
    const events = await readEvents(res, 10_000, (seen) => seen.some((e) => (e.data as { postKey?: string }).postKey === 'x:902'));
    expect(events[0]).toMatchObject({ event: 'changed' });
    const replayed = events.slice(1).flatMap((e) => (e.event === 'presence' && /^x:90\d$/.test((e.data as { postKey: string }).postKey) ? [e.data] : []));
    expect(replayed).toEqual([
      expect.objectContaining({ memberHandle: 'ann', postKey: 'x:900', activity: 'answering' }),
      expect.objectContaining({ memberHandle: 'ann', postKey: 'x:902', activity: 'viewing' }),
    ]);
  });

  /** A new member's channel, read until it ends with an error; `revoke` revokes the member's token. */
  async function channelToRevoke(handle: string, backend = app) {
    const token = await team.member(handle, 'pr');
    const res = await backend.request('/v1/sync/channel', { headers: { Authorization: `Bearer ${token}` } });
    const reading = readEvents(res, 3000, (events) => events.some((e) => e.event === 'error'));
    const revoke = async () => {
      const tokens = (await admin.get('/v1/tokens')).body as { tokens: Array<{ id: string; memberHandle: string }> };
      const id = tokens.tokens.find((t) => t.memberHandle === handle)!.id;
      expect((await admin.delete(`/v1/tokens/${id}`)).status).toBe(200);
    };
    return { reading, revoke };
  }

  it('delivers nothing more to a revoked token: the next event ends its stream, without waiting for a heartbeat', async () => {
    const slowBeats = testApp(test.database, { channel: hub, config: { channelHeartbeatMs: 60_000 } });
    const { reading, revoke } = await channelToRevoke('quitter', slowBeats);
    await revoke();
    const started = Date.now();
    expect((await admin.post('/v1/presence', { postKey: 'x:777', activity: 'answering' })).status).toBe(204);
    const events = await reading;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events.some((e) => e.event === 'presence' && (e.data as { postKey?: string }).postKey === 'x:777')).toBe(false);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'token_revoked' } } });
  });

  it('ends the stream of a revoked token at the next heartbeat', async () => {
    const { reading, revoke } = await channelToRevoke('leaving');
    await revoke();
    const events = await reading;
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'token_revoked' } } });
  });
});
