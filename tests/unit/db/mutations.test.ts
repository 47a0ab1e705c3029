import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eraseCustomer,
  exportCustomer,
  flagLead,
  historySummary,
  logInteraction,
  purgeOldObservations,
  recordSeen,
  RefusedError,
  setLeadStatus,
  undoInteraction,
  addCustomerInteraction,
  UNDO_WINDOW_MS,
  type AppDB,
} from '../../../lib/db';
import { MutationSchema } from '../../../lib/model';
import { at, freshDB, none, post, purchase, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

const me = { me: 'dana', now: T0 };

async function outbox(d: AppDB) {
  const entries = await d.outbox.orderBy('seq').toArray();
  for (const e of entries) MutationSchema.parse(e.mutation);
  return entries;
}

describe('recordSeen', () => {
  it('stores an observation, the customer and the outbox entry together', async () => {
    db = freshDB();
    const long = 'x'.repeat(1000) + 'beyond';
    const result = await recordSeen(db, [{ post: post({ text: long.slice(0, 1000) }), inference: purchase }], me);
    expect(result.stored).toBe(1);

    const [obs] = await db.observations.toArray();
    expect(obs).toMatchObject({ customerKey: 'x:dana_buys', stage: 'purchase', department: 'sales', observedBy: 'dana', observedAt: T0.toISOString() });
    expect(obs!.post).toMatchObject({ postId: '1890000000000000001', postKey: 'x:1890000000000000001' });
    expect(obs!.post.text.length).toBeLessThanOrEqual(1000);

    const customer = await db.customers.get('x:dana_buys');
    expect(customer).toMatchObject({ handle: 'dana_buys', displayName: 'Dana Ruiz', lastStage: 'purchase' });

    const entries = await outbox(db);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'pending', recordId: obs!.id, customerKey: 'x:dana_buys' });
    expect(entries[0]!.mutation).toMatchObject({ type: 'observation.add', record: obs });
  });

  it('keeps no post with stage none', async () => {
    db = freshDB();
    expect((await recordSeen(db, [{ post: post(), inference: none }], me)).stored).toBe(0);
    expect(await db.observations.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('observes a post at most once a day, however often it renders', async () => {
    db = freshDB();
    const items = [{ post: post(), inference: purchase }, { post: post(), inference: purchase }];
    expect((await recordSeen(db, items, me)).stored).toBe(1);
    expect((await recordSeen(db, items, { me: 'dana', now: at(3_600_000) })).stored).toBe(0);
    expect(await db.observations.count()).toBe(1);
    // The next day it counts again.
    expect((await recordSeen(db, items, { me: 'dana', now: at(86_400_000) })).stored).toBe(1);
    expect(await db.observations.count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
  });

  it('moves the customer to the stage of the newest post', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post(), inference: { stage: 'pre-purchase', department: 'marketing', confidence: 0.5 } }], me);
    await recordSeen(db, [{ post: post({ postId: '2' }), inference: purchase }], { me: 'dana', now: at(1000) });
    expect((await db.customers.get('x:dana_buys'))?.lastStage).toBe('purchase');
  });
});

describe('logInteraction', () => {
  it('records the interaction and its outbox entry in one go', async () => {
    db = freshDB();
    const { interaction, duplicate } = await logInteraction(db, { post: post(), inference: purchase }, me);
    expect(duplicate).toBe(false);
    expect(interaction).toMatchObject({ kind: 'reply', note: '', memberHandle: 'dana', stage: 'purchase', department: 'sales', customerKey: 'x:dana_buys' });
    expect(await db.interactions.get(interaction.id)).toEqual(interaction);
    const entries = await outbox(db);
    expect(entries.map((e) => e.mutation)).toEqual([expect.objectContaining({ type: 'interaction.add', record: interaction })]);
    expect(await db.customers.get('x:dana_buys')).toBeTruthy();
  });

  it('a second click within a minute returns the first one, marked duplicate', async () => {
    db = freshDB();
    const first = await logInteraction(db, { post: post(), inference: purchase }, me);
    const second = await logInteraction(db, { post: post(), inference: purchase }, { me: 'dana', now: at(59_000) });
    expect(second).toEqual({ interaction: first.interaction, duplicate: true });
    expect(await db.interactions.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);

    // After the minute, or by another member, it is a new interaction.
    const later = await logInteraction(db, { post: post(), inference: purchase }, { me: 'dana', now: at(61_000) });
    expect(later.duplicate).toBe(false);
    const other = await logInteraction(db, { post: post(), inference: purchase }, { me: 'sam', now: at(61_500) });
    expect(other.duplicate).toBe(false);
    expect(await db.interactions.count()).toBe(3);
    expect(await db.outbox.count()).toBe(3);
  });

  it('a deliberate note within the minute is kept as its own interaction', async () => {
    db = freshDB();
    await logInteraction(db, { post: post(), inference: purchase }, me);
    const noted = await logInteraction(db, { post: post(), inference: purchase, kind: 'call', note: 'called back' }, { me: 'dana', now: at(5000) });
    expect(noted.duplicate).toBe(false);
    expect(noted.interaction).toMatchObject({ kind: 'call', note: 'called back' });
  });

  it('refuses a note over 2,000 characters and writes nothing', async () => {
    db = freshDB();
    await expect(logInteraction(db, { post: post(), inference: purchase, note: 'n'.repeat(2001) }, me)).rejects.toBeInstanceOf(RefusedError);
    expect(await db.interactions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('the side panel logs on a post already in the history', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post(), inference: purchase }], me);
    const { interaction } = await addCustomerInteraction(db, { customerKey: 'x:dana_buys', postKey: 'x:1890000000000000001', kind: 'note', note: 'VIP' }, { me: 'dana', now: at(10) });
    expect(interaction).toMatchObject({ kind: 'note', note: 'VIP', stage: 'purchase', department: 'sales' });
    expect(interaction.post.postId).toBe('1890000000000000001');
    await expect(
      addCustomerInteraction(db, { customerKey: 'x:dana_buys', postKey: 'x:404', kind: 'note', note: '' }, me),
    ).rejects.toBeInstanceOf(RefusedError);
  });
});

describe('undoInteraction', () => {
  it('removes the interaction and its pending outbox entry', async () => {
    db = freshDB();
    await recordSeen(db, [{ post: post(), inference: purchase }], me);
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    await undoInteraction(db, interaction.id, { me: 'dana', now: at(5000) });
    expect(await db.interactions.count()).toBe(0);
    const entries = await outbox(db);
    expect(entries.map((e) => e.mutation.type)).toEqual(['observation.add']);
  });

  it('refuses for someone else, too late, or when it is gone', async () => {
    db = freshDB();
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    await expect(undoInteraction(db, interaction.id, { me: 'sam', now: at(1000) })).rejects.toThrow(/Only @dana/);
    await expect(undoInteraction(db, interaction.id, { me: 'dana', now: at(UNDO_WINDOW_MS + 1) })).rejects.toThrow(/Too late/);
    await db.outbox.clear(); // pushed and acknowledged: still too late after the window
    await expect(undoInteraction(db, interaction.id, { me: 'dana', now: at(UNDO_WINDOW_MS + 1) })).rejects.toBeInstanceOf(RefusedError);
    expect(await db.interactions.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    await expect(undoInteraction(db, '01a207d6-81fb-7bed-bb35-19682a324f72', me)).rejects.toThrow(/no longer there/);
  });

  it('after the push, within the window: removes it here and queues a retraction for the team', async () => {
    db = freshDB();
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    await db.outbox.clear(); // pushed and acknowledged
    await undoInteraction(db, interaction.id, { me: 'dana', now: at(5000) });

    expect(await db.interactions.count()).toBe(0);
    const entries = await outbox(db);
    expect(entries).toEqual([
      expect.objectContaining({
        customerKey: 'x:dana_buys',
        recordId: interaction.id,
        state: 'pending',
        mutation: expect.objectContaining({ type: 'interaction.retract', interactionId: interaction.id, customerKey: 'x:dana_buys', createdAt: at(5000).toISOString() }),
      }),
    ]);
    await expect(undoInteraction(db, interaction.id, { me: 'dana', now: at(6000) })).rejects.toThrow(/no longer there/);
  });

  it('while the push is on its way: the add still goes, the retraction follows it', async () => {
    db = freshDB();
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    await db.outbox.toCollection().modify({ state: 'pushing' });
    await undoInteraction(db, interaction.id, { me: 'dana', now: at(1000) });

    expect(await db.interactions.count()).toBe(0);
    expect((await outbox(db)).map((e) => [e.mutation.type, e.state])).toEqual([
      ['interaction.add', 'pushing'],
      ['interaction.retract', 'pending'],
    ]);
  });
});

describe('leads', () => {
  it('flags a new lead, then returns the open one', async () => {
    db = freshDB();
    const first = await flagLead(db, { post: post(), inference: purchase }, me);
    expect(first.created).toBe(true);
    expect(first.lead).toMatchObject({ status: 'new', owner: 'dana', version: 1, customerKey: 'x:dana_buys' });
    expect(first.lead.source.postId).toBe('1890000000000000001');

    const again = await flagLead(db, { post: post({ postId: '99' }), inference: purchase }, { me: 'sam', now: at(1) });
    expect(again).toEqual({ lead: first.lead, created: false });
    expect(await db.leads.count()).toBe(1);
    const entries = await outbox(db);
    expect(entries.map((e) => e.mutation)).toEqual([expect.objectContaining({ type: 'lead.put', baseVersion: null, record: first.lead })]);
  });

  it('moves new → contacted → qualified → won with a version and an outbox entry per step', async () => {
    db = freshDB();
    const { lead } = await flagLead(db, { post: post(), inference: purchase }, me);
    const contacted = await setLeadStatus(db, lead.id, 'contacted', { me: 'dana', now: at(1000) });
    expect(contacted).toMatchObject({ status: 'contacted', version: 2, updatedAt: at(1000).toISOString() });
    const qualified = await setLeadStatus(db, lead.id, 'qualified', { me: 'dana', now: at(2000) });
    const won = await setLeadStatus(db, lead.id, 'won', { me: 'dana', now: at(3000) });
    expect(won.version).toBe(4);
    expect(await db.leads.get(lead.id)).toEqual(won);

    const puts = (await outbox(db)).map((e) => e.mutation);
    expect(puts.map((m) => (m.type === 'lead.put' ? [m.record.status, m.baseVersion] : null))).toEqual([
      ['new', null], ['contacted', 1], ['qualified', 2], ['won', 3],
    ]);
    expect(qualified.version).toBe(3);

    // A closed lead does not move; a new flag opens a new lead.
    await expect(setLeadStatus(db, lead.id, 'contacted', me)).rejects.toBeInstanceOf(RefusedError);
    const next = await flagLead(db, { post: post(), inference: purchase }, { me: 'dana', now: at(4000) });
    expect(next.created).toBe(true);
  });

  it('refuses a skipped step, allows lost while open, and a repeated status changes nothing', async () => {
    db = freshDB();
    const { lead } = await flagLead(db, { post: post(), inference: purchase }, me);
    await expect(setLeadStatus(db, lead.id, 'won', me)).rejects.toThrow(/cannot go from/);
    expect(await setLeadStatus(db, lead.id, 'new', me)).toEqual(lead);
    expect(await db.outbox.count()).toBe(1);
    const lost = await setLeadStatus(db, lead.id, 'lost', me);
    expect(lost.status).toBe('lost');
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('historySummary', () => {
  it('counts interactions and names the lead per customer', async () => {
    db = freshDB();
    await logInteraction(db, { post: post(), inference: purchase }, me);
    await logInteraction(db, { post: post({ postId: '2' }), inference: purchase }, { me: 'dana', now: at(1000) });
    const { lead } = await flagLead(db, { post: post(), inference: purchase }, me);
    await setLeadStatus(db, lead.id, 'contacted', me);
    const summaries = await historySummary(db, ['x:dana_buys', 'x:nobody']);
    expect(summaries['x:dana_buys']).toMatchObject({ interactions: 2, lead: { status: 'contacted' } });
    expect(summaries['x:dana_buys']!.lastInteraction?.post.postId).toBe('2');
    expect(summaries['x:nobody']).toEqual({ interactions: 0, lastInteraction: null, lead: null });
  });
});

describe('export and erase', () => {
  async function seed(d: AppDB) {
    await recordSeen(d, [{ post: post(), inference: purchase }, { post: post({ author: 'sam', postId: '5' }), inference: purchase }], me);
    await logInteraction(d, { post: post(), inference: purchase }, me);
    await flagLead(d, { post: post(), inference: purchase }, me);
    await d.assignments.add({
      id: '01a207d6-81fb-7bed-bb35-1967bc161b06', customerKey: 'x:dana_buys',
      post: (await d.observations.toArray())[0]!.post, stage: 'purchase', department: 'sales', assignee: 'dana',
      status: 'open', createdBy: 'dana', createdAt: T0.toISOString(), updatedAt: T0.toISOString(), version: 1,
    });
  }

  it('exports everything about one customer', async () => {
    db = freshDB();
    await seed(db);
    const data = await exportCustomer(db, 'x:dana_buys', T0);
    expect(data.customer?.key).toBe('x:dana_buys');
    expect([data.observations.length, data.interactions.length, data.leads.length, data.assignments.length]).toEqual([1, 1, 1, 1]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('erases one customer everywhere, drops their unsent changes and queues customer.erase', async () => {
    db = freshDB();
    await seed(db);
    const result = await eraseCustomer(db, 'x:dana_buys', { me: 'dana', now: at(1000) });
    expect(result).toEqual({ observations: 1, interactions: 1, leads: 1, assignments: 1, unsent: 3 });
    expect(await db.customers.get('x:dana_buys')).toBeUndefined();
    for (const table of [db.observations, db.interactions, db.leads, db.assignments]) {
      expect(await table.filter((r) => (r as { customerKey: string }).customerKey === 'x:dana_buys').count()).toBe(0);
    }
    // The other customer is untouched.
    expect(await db.customers.get('x:sam')).toBeTruthy();
    expect(await db.observations.count()).toBe(1);
    const entries = await outbox(db);
    expect(entries.map((e) => [e.customerKey, e.mutation.type])).toEqual([
      ['x:sam', 'observation.add'],
      ['x:dana_buys', 'customer.erase'],
    ]);
  });
});

describe('retention', () => {
  it('purges observations older than the retention, never interactions or leads', async () => {
    db = freshDB();
    const old = new Date(T0.getTime() - 200 * 86_400_000);
    await recordSeen(db, [{ post: post({ postId: 'old' }), inference: purchase }], { me: 'dana', now: old });
    await logInteraction(db, { post: post({ postId: 'old' }), inference: purchase }, { me: 'dana', now: old });
    await flagLead(db, { post: post({ postId: 'old' }), inference: purchase }, { me: 'dana', now: old });
    await recordSeen(db, [{ post: post({ postId: 'new' }), inference: purchase }], me);
    const outboxBefore = await db.outbox.count();

    expect(await purgeOldObservations(db, { now: T0 })).toBe(1);
    expect((await db.observations.toArray()).map((o) => o.post.postId)).toEqual(['new']);
    expect(await db.interactions.count()).toBe(1);
    expect(await db.leads.count()).toBe(1);
    expect(await db.outbox.count()).toBe(outboxBefore);

    expect(await purgeOldObservations(db, { days: 1, now: at(2 * 86_400_000) })).toBe(1);
    await expect(purgeOldObservations(db, { days: 0 })).rejects.toBeInstanceOf(RefusedError);
  });
});
