import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eraseCustomer,
  flagLead,
  logInteraction,
  recordSeen,
  setLeadStatus,
  StorageError,
  undoInteraction,
  type AppDB,
} from '../../../lib/db';
import { freshDB, post, purchase, snapshotAll, T0 } from './helpers';

/**
 * Make the browser refuse writes to one table, as IndexedDB does when the quota is exceeded or a
 * request fails: the records table is written first, then the outbox write fails midway.
 */
function failWrites(db: AppDB, table: string, error: () => Error): { on: boolean } {
  const switch_ = { on: false };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'fail-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== table) return t;
        return {
          ...t,
          mutate: (req: DBCoreMutateRequest) => (switch_.on ? Promise.reject(error()) : t.mutate(req)),
        };
      },
    }),
  };
  db.use(middleware);
  return switch_;
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const me = { me: 'dana', now: T0 };

let db: AppDB;
afterEach(() => db?.close());

describe('a failed write leaves the database as it was', () => {
  it('quota exceeded while logging: a clear StorageError, no interaction, no outbox entry', async () => {
    db = freshDB();
    const fail = failWrites(db, 'outbox', quota);
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
    const fail = failWrites(db, 'outbox', () => new DOMException('Transaction failed', 'UnknownError'));
    const { lead } = await flagLead(db, { post: post(), inference: purchase }, me);
    const { interaction } = await logInteraction(db, { post: post(), inference: purchase }, me);
    const before = await snapshotAll(db);
    fail.on = true;

    const attempts: Array<() => Promise<unknown>> = [
      () => recordSeen(db, [{ post: post({ postId: '7' }), inference: purchase }], me),
      () => logInteraction(db, { post: post({ postId: '8' }), inference: purchase }, me),
      () => flagLead(db, { post: post({ author: 'sam' }), inference: purchase }, me),
      () => setLeadStatus(db, lead.id, 'contacted', me),
      () => undoInteraction(db, interaction.id, me),
      () => eraseCustomer(db, 'x:dana_buys', me),
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
    const fail = failWrites(db, 'interactions', quota);
    fail.on = true;
    await expect(logInteraction(db, { post: post(), inference: purchase }, me)).rejects.toBeInstanceOf(StorageError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.customers.count()).toBe(0);
  });
});
