import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assignmentForPost,
  assignmentIdFor,
  assignmentsForPosts,
  assignPost,
  claimAssignment,
  claimPost,
  completeAssignment,
  RefusedError,
  type AppDB,
} from '../../../lib/db';
import { MutationSchema, RecordIdSchema, type Assignment } from '../../../lib/model';
import { at, freshDB, post, purchase, snapshotAll, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

const dana = { me: 'dana', now: T0 };
const sam = { me: 'sam', now: at(1000) };
const PK = 'x:1890000000000000001';

async function outbox(d: AppDB) {
  const entries = await d.outbox.orderBy('seq').toArray();
  for (const e of entries) MutationSchema.parse(e.mutation);
  return entries;
}

/** What another member's change looks like once pulled: a record straight in the table. */
async function pulled(d: AppDB, change: Partial<Assignment>): Promise<Assignment> {
  const { assignment } = await assignPost(d, { post: post(), inference: purchase, department: 'sales', assignee: null }, dana);
  await d.outbox.clear();
  const next = { ...assignment, ...change };
  await d.assignments.put(next);
  return next;
}

describe('assignmentIdFor', () => {
  it('is one valid UUID per post, the same on every device', async () => {
    const a = await assignmentIdFor(PK);
    expect(RecordIdSchema.safeParse(a).success).toBe(true);
    expect(await assignmentIdFor(PK)).toBe(a);
    expect(await assignmentIdFor('x:2')).not.toBe(a);
  });
});

describe('assignPost', () => {
  it('creates the assignment to the department queue with its outbox entry (baseVersion null)', async () => {
    db = freshDB();
    const { assignment, created } = await assignPost(db, { post: post(), inference: purchase, department: 'service', assignee: null }, dana);
    expect(created).toBe(true);
    expect(assignment).toMatchObject({
      id: await assignmentIdFor(PK),
      customerKey: 'x:dana_buys',
      stage: 'purchase',
      department: 'service',
      assignee: null,
      status: 'open',
      createdBy: 'dana',
      version: 1,
    });
    expect(assignment.post.postKey).toBe(PK);
    expect(await db.assignments.get(assignment.id)).toEqual(assignment);
    const entries = await outbox(db);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'pending', recordId: assignment.id, customerKey: 'x:dana_buys' });
    expect(entries[0]!.mutation).toMatchObject({ type: 'assignment.put', record: assignment, baseVersion: null });
  });

  it('moves an existing assignment on its version, and changes nothing when asked the same', async () => {
    db = freshDB();
    await assignPost(db, { post: post(), inference: purchase, department: 'sales', assignee: null }, dana);
    const again = await assignPost(db, { post: post(), inference: purchase, department: 'sales', assignee: null }, dana);
    expect(again.created).toBe(false);
    expect(await db.outbox.count()).toBe(1);
    const moved = await assignPost(db, { post: post(), inference: purchase, department: 'service', assignee: 'sam' }, dana);
    expect(moved.assignment).toMatchObject({ department: 'service', assignee: 'sam', version: 2 });
    const entries = await outbox(db);
    expect(entries).toHaveLength(2);
    expect(entries[1]!.mutation).toMatchObject({ type: 'assignment.put', baseVersion: 1, record: { version: 2, assignee: 'sam' } });
    expect(await db.assignments.count()).toBe(1);
  });
});

describe('claim', () => {
  it('claimPost creates and claims a post without assignment', async () => {
    db = freshDB();
    const { assignment, created } = await claimPost(db, { post: post(), inference: purchase }, dana);
    expect(created).toBe(true);
    expect(assignment).toMatchObject({ assignee: 'dana', department: 'sales', status: 'open', version: 1 });
    const [entry] = await outbox(db);
    expect(entry!.mutation).toMatchObject({ type: 'assignment.put', baseVersion: null, record: { assignee: 'dana' } });
  });

  it('claims a queued assignment on its version', async () => {
    db = freshDB();
    const { assignment } = await assignPost(db, { post: post(), inference: purchase, department: 'sales', assignee: null }, dana);
    const claimed = await claimAssignment(db, assignment.id, sam);
    expect(claimed).toMatchObject({ assignee: 'sam', version: 2, updatedAt: at(1000).toISOString() });
    const entries = await outbox(db);
    expect(entries.map((e) => e.mutation)).toMatchObject([{ baseVersion: null }, { baseVersion: 1, record: { assignee: 'sam', version: 2 } }]);
    // claiming what is already mine changes nothing
    await claimAssignment(db, assignment.id, sam);
    await claimPost(db, { post: post(), inference: purchase }, sam);
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses a post a teammate already has, and changes nothing', async () => {
    db = freshDB();
    const held = await pulled(db, { assignee: 'sam', version: 3 });
    const before = await snapshotAll(db);
    await expect(claimAssignment(db, held.id, dana)).rejects.toThrow(new RefusedError('sam already has this post'));
    await expect(claimPost(db, { post: post(), inference: purchase }, dana)).rejects.toBeInstanceOf(RefusedError);
    await expect(claimPost(db, { post: post(), inference: purchase }, dana)).rejects.toThrow('sam already has this post');
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('refuses a done post and a missing assignment', async () => {
    db = freshDB();
    const done = await pulled(db, { assignee: 'sam', status: 'done', version: 2 });
    await expect(claimAssignment(db, done.id, dana)).rejects.toThrow('already done');
    await expect(claimAssignment(db, '0190b6a0-0000-7000-8000-000000000000', dana)).rejects.toBeInstanceOf(RefusedError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('completeAssignment', () => {
  it('marks my assignment done on its version; done twice changes nothing', async () => {
    db = freshDB();
    const { assignment } = await claimPost(db, { post: post(), inference: purchase }, dana);
    const done = await completeAssignment(db, assignment.id, { me: 'dana', now: at(5000) });
    expect(done).toMatchObject({ status: 'done', assignee: 'dana', version: 2 });
    await completeAssignment(db, assignment.id, dana);
    const entries = await outbox(db);
    expect(entries).toHaveLength(2);
    expect(entries[1]!.mutation).toMatchObject({ type: 'assignment.put', baseVersion: 1, record: { status: 'done', version: 2 } });
  });

  it('refuses to finish a teammate’s assignment', async () => {
    db = freshDB();
    const held = await pulled(db, { assignee: 'sam' });
    await expect(completeAssignment(db, held.id, dana)).rejects.toThrow('sam already has this post');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.assignments.get(held.id))!.status).toBe('open');
  });
});

describe('reads', () => {
  it('finds the assignment of a post, including one made with another id', async () => {
    db = freshDB();
    expect(await assignmentForPost(db, PK)).toBeNull();
    const { assignment } = await claimPost(db, { post: post(), inference: purchase }, dana);
    expect(await assignmentForPost(db, PK)).toEqual(assignment);
    const other = { ...assignment, id: '0190b6a0-0000-7000-8000-000000000001', post: { ...assignment.post, postId: '2', postKey: 'x:2' } };
    await db.assignments.put(other);
    expect(await assignmentForPost(db, 'x:2')).toEqual(other);
    const many = await assignmentsForPosts(db, [PK, 'x:3', PK]);
    expect(many).toEqual({ [PK]: assignment, 'x:3': null });
  });

  it('finds for the badges an assignment the backend made with its own id: the newest open one, the own id first', async () => {
    db = freshDB();
    const snapshot = { site: 'x', postId: '7', postKey: 'x:7', permalink: null, text: '', postedAt: null } as const;
    const made = (id: string, over: Partial<Assignment>): Assignment => ({
      id, customerKey: 'x:maya', post: snapshot, stage: 'purchase', department: 'sales', assignee: 'sam', status: 'open',
      createdBy: 'boss', createdAt: T0.toISOString(), updatedAt: T0.toISOString(), version: 1, ...over,
    });
    const done = made('0190b6a0-0000-7000-8000-00000000000a', { status: 'done', updatedAt: at(5000).toISOString() });
    const open = made('0190b6a0-0000-7000-8000-00000000000b', { updatedAt: at(1000).toISOString() });
    await db.assignments.bulkPut([done, open]);
    expect(await assignmentsForPosts(db, ['x:7'])).toEqual({ 'x:7': open });
    expect(await assignmentForPost(db, 'x:7')).toEqual(open);
    const own = made(await assignmentIdFor('x:7'), { assignee: null, status: 'done' });
    await db.assignments.put(own);
    expect(await assignmentsForPosts(db, ['x:7'])).toEqual({ 'x:7': own });
    expect(await assignmentsForPosts(db, [])).toEqual({});
  });
});

describe('routing', () => {
  it('queues the post with route: true in its outbox entry, again when asked again, and refuses a named member', async () => {
    db = freshDB();
    const input = { post: post(), inference: purchase, department: 'service', assignee: null, route: true } as const;
    const first = await assignPost(db, input, dana);
    expect(first.assignment).toMatchObject({ department: 'service', assignee: null, version: 1 });
    const again = await assignPost(db, input, dana);
    expect(again.assignment.version).toBe(2);
    expect((await outbox(db)).map((e) => e.mutation)).toMatchObject([
      { type: 'assignment.put', baseVersion: null, route: true },
      { type: 'assignment.put', baseVersion: 1, route: true },
    ]);
    // Without route, nothing says route (entries written before routing existed look the same).
    await assignPost(db, { ...input, route: false, department: 'sales' }, dana);
    expect((await outbox(db)).at(-1)!.mutation).not.toHaveProperty('route');
    await expect(assignPost(db, { ...input, assignee: 'sam' }, dana)).rejects.toBeInstanceOf(RefusedError);
    await expect(assignPost(db, { ...input, department: 'none' }, dana)).rejects.toBeInstanceOf(RefusedError);
    expect(await db.outbox.count()).toBe(3);
  });
});
