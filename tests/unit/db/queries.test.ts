import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  customerHistory,
  flagLead,
  listLeads,
  logInteraction,
  myWork,
  recordSeen,
  searchCustomers,
  setLeadStatus,
  stageTrend,
  type AppDB,
} from '../../../lib/db';
import type { Assignment, StageObservation } from '../../../lib/model';
import { at, freshDB, post, purchase, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());
const me = { me: 'dana', now: T0 };

function assignment(overrides: Partial<Assignment>): Assignment {
  return {
    id: '01a207d6-81fb-7bed-bb35-1967bc161b06', customerKey: 'x:dana_buys',
    post: { site: 'x', postId: 'a1', postKey: 'x:a1', permalink: null, text: 'help', postedAt: T0.toISOString() },
    stage: 'post-purchase', department: 'service', assignee: 'dana', status: 'open', createdBy: 'sam',
    createdAt: T0.toISOString(), updatedAt: T0.toISOString(), version: 1, ...overrides,
  };
}

describe('customerHistory', () => {
  it('lists every kind of entry, newest first, with the post id the badge shows', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post({ postId: 's1' }), inference: purchase }], { me: 'dana', now: at(0) });
    await logInteraction(db, { post: post({ postId: 'i1' }), inference: purchase }, { me: 'dana', now: at(1000) });
    await flagLead(db, { post: post({ postId: 'l1' }), inference: purchase }, { me: 'dana', now: at(2000) });
    await db.assignments.add(assignment({ post: { site: 'x', postId: 'a1', postKey: 'x:a1', permalink: null, text: '', postedAt: null }, createdAt: at(3000).toISOString() }));
    await logInteraction(db, { post: post({ postId: 'other', author: 'sam' }), inference: purchase }, { me: 'dana', now: at(4000) });

    const history = await customerHistory(db, 'x:dana_buys');
    expect(history.customer?.handle).toBe('dana_buys');
    expect(history.entries.map((e) => [e.kind, e.postId])).toEqual([
      ['assignment', 'a1'], ['lead', 'l1'], ['interaction', 'i1'], ['stage', 's1'],
    ]);
  });
});

describe('stageTrend', () => {
  const obs = (stage: StageObservation['stage'], t: number) =>
    ({ stage, observedAt: at(t).toISOString() }) as StageObservation;

  it('tells where the customer is going', () => {
    expect(stageTrend([])).toMatchObject({ current: null, direction: null });
    expect(stageTrend([obs('purchase', 0)])).toMatchObject({ current: 'purchase', direction: 'new' });
    expect(stageTrend([obs('purchase', 5), obs('pre-purchase', 0), obs('purchase', 9)])).toMatchObject({
      current: 'purchase', previous: 'pre-purchase', direction: 'forward', since: at(5).toISOString(),
    });
    expect(stageTrend([obs('post-purchase', 0), obs('purchase', 1)])).toMatchObject({ direction: 'back' });
    expect(stageTrend([obs('purchase', 0), obs('purchase', 1)])).toMatchObject({ direction: 'steady', since: at(0).toISOString() });
  });
});

describe('listLeads', () => {
  it('filters by status and owner, newest first, with the customer', async () => {
    db = freshDB();
    const a = await flagLead(db, { post: post({ author: 'ann' }), inference: purchase }, { me: 'dana', now: at(0) });
    await flagLead(db, { post: post({ author: 'bob' }), inference: purchase }, { me: 'sam', now: at(1000) });
    await flagLead(db, { post: post({ author: 'cy' }), inference: purchase }, { me: 'dana', now: at(2000) });
    await setLeadStatus(db, a.lead.id, 'contacted', me);

    expect((await listLeads(db)).map((r) => r.lead.customerKey)).toEqual(['x:cy', 'x:bob', 'x:ann']);
    expect((await listLeads(db, { status: 'new' })).map((r) => r.lead.customerKey)).toEqual(['x:cy', 'x:bob']);
    expect((await listLeads(db, { owner: 'dana' })).map((r) => r.lead.customerKey)).toEqual(['x:cy', 'x:ann']);
    expect((await listLeads(db, { status: 'new', owner: 'dana' })).map((r) => r.lead.customerKey)).toEqual(['x:cy']);
    expect((await listLeads(db))[0]!.customer?.displayName).toBe('Dana Ruiz');
  });
});

describe('myWork', () => {
  it('lists my open assignments and leads, overdue first, then oldest first', async () => {
    db = freshDB();
    const targets = { 'pre-purchase': 1440, purchase: 60, 'post-purchase': 60 };
    const now = at(3 * 3_600_000);
    // Posted 3 h ago, post-purchase (target 1 h): overdue.
    await db.assignments.add(assignment({ id: '01a207d6-81fb-7bed-bb35-1967bc161b06' }));
    // Posted 3 h ago, pre-purchase (target 1 day): not overdue.
    await db.assignments.add(assignment({ id: '01a207d6-81fb-7bed-bb35-19682a324f72', stage: 'pre-purchase', post: { site: 'x', postId: 'a2', postKey: 'x:a2', permalink: null, text: '', postedAt: at(-1000).toISOString() } }));
    // Someone else's, and a done one: not mine to do.
    await db.assignments.add(assignment({ id: '01a207d6-81fb-7bed-bb35-1966f9e2274f', assignee: 'sam' }));
    await db.assignments.add(assignment({ id: '01a207d6-81fb-7bed-bb35-1965ca9bc695', status: 'done' }));
    // My lead, posted 30 min before now (purchase, 1 h): not overdue; a won lead is not work.
    await flagLead(db, { post: post({ author: 'ann', postedAt: at(2.5 * 3_600_000).toISOString() }), inference: purchase }, me);
    const won = await flagLead(db, { post: post({ author: 'bob' }), inference: purchase }, me);
    for (const s of ['contacted', 'qualified', 'won'] as const) await setLeadStatus(db, won.lead.id, s, me);

    const work = await myWork(db, 'dana', targets, now);
    expect(work.map((w) => [w.kind, w.postId, w.overdue])).toEqual([
      ['assignment', 'a1', true],
      ['assignment', 'a2', false],
      ['lead', '1890000000000000001', false],
    ]);
    expect(work[0]).toMatchObject({ waitingMs: 3 * 3_600_000, targetMs: 3_600_000 });
  });
});

describe('searchCustomers', () => {
  it('finds by handle prefix or by name, and lists recent customers for an empty query', async () => {
    db = freshDB();
    await recordSeen(db, [
      { post: post({ author: 'dana_buys', authorName: 'Dana Ruiz', postId: '1' }), inference: purchase },
      { post: post({ author: 'sam.k', authorName: 'Samuel Kent', postId: '2' }), inference: purchase },
    ], me);
    await recordSeen(db, [{ post: post({ author: 'zed', authorName: 'Zed', postId: '3' }), inference: purchase }], { me: 'dana', now: at(1000) });
    expect((await searchCustomers(db, '@DANA')).map((c) => c.handle)).toEqual(['dana_buys']);
    expect((await searchCustomers(db, 'kent')).map((c) => c.handle)).toEqual(['sam.k']);
    expect((await searchCustomers(db, 'nobody')).length).toBe(0);
    expect((await searchCustomers(db, ''))[0]!.handle).toBe('zed');
  });
});
