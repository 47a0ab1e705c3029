import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCustomerInteraction,
  assignPost,
  claimAssignment,
  completeAssignment,
  eraseCustomer,
  flagLead,
  logInteraction,
  recordSeen,
  setLeadStatus,
  StorageError,
  undoInteraction,
  type AppDB,
} from '../../../lib/db';
import { failWrites, freshDB, post, purchase, quotaExceeded, snapshotAll, T0 } from './helpers';

const me = { me: 'dana', now: T0 };

let db: AppDB;
afterEach(() => db?.close());

describe('a failed write leaves the database as it was', () => {
  it('quota exceeded while logging: a clear StorageError, no interaction, no outbox entry', async () => {
    db = freshDB();
    const fail = { on: false };
    failWrites(db, 'outbox', () => (fail.on ? quotaExceeded() : null));
    await recordSeen(db, [{ post: post(), inference: purchase }], me);
    const before = await snapshotAll(db);

    fail.on = true;
    const error = await logInteraction(db, { post: post({ postId: '2' }), inference: purchase }, me).catch((e) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error.quotaExceeded).toBe(true);
    expect(error.message).toMatch(/storage for Switchboard is full.*nothing was changed/);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('every mutation rolls back its records when the outbox write fails midway', async () => {
    db = freshDB();
    const fail = { on: false };
    failWrites(db, 'outbox', () => (fail.on ? new DOMException('Transaction failed', 'UnknownError') : null));
    const { lead } = await flagLead(db, { post: post(), inference: purchase }, me);
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    const { assignment } = await assignPost(db, { post: post({ postId: '9' }), inference: purchase, department: 'sales', assignee: null }, me);
    const { assignment: mine } = await assignPost(db, { post: post({ postId: '10' }), inference: purchase, department: 'sales', assignee: 'dana' }, me);
    const before = await snapshotAll(db);
    fail.on = true;

    const attempts: Array<() => Promise<unknown>> = [
      () => recordSeen(db, [{ post: post({ postId: '7' }), inference: purchase }], me),
      () => logInteraction(db, { post: post({ postId: '8' }), inference: purchase }, me),
      () => flagLead(db, { post: post({ author: 'sam' }), inference: purchase }, me),
      () => setLeadStatus(db, lead.id, 'contacted', me),
      () => undoInteraction(db, interaction.id, me),
      () => eraseCustomer(db, 'x:dana_buys', me),
      () => addCustomerInteraction(db, { customerKey: interaction.customerKey, postKey: interaction.post.postKey, kind: 'call', note: 'called' }, me),
      () => assignPost(db, { post: post({ postId: '11' }), inference: purchase, department: 'service', assignee: null }, me),
      () => claimAssignment(db, assignment.id, me),
      () => completeAssignment(db, mine.id, me),
    ];
    for (const attempt of attempts) {
      const error = (await attempt().then(() => null, (e: unknown) => e)) as StorageError;
      expect(error).toBeInstanceOf(StorageError);
      expect(error.message).toMatch(/nothing was changed/);
      expect(await snapshotAll(db)).toEqual(before);
    }

    fail.on = false;
    await expect(setLeadStatus(db, lead.id, 'contacted', me)).resolves.toMatchObject({ version: 2 });
  });

  it('a failure on the records side writes no outbox entry either', async () => {
    db = freshDB();
    const fail = { on: false };
    failWrites(db, 'interactions', () => (fail.on ? quotaExceeded() : null));
    fail.on = true;
    await expect(logInteraction(db, { post: post(), inference: purchase }, me)).rejects.toBeInstanceOf(StorageError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
  });
});
