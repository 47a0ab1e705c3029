import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupHistory,
  exportCustomer,
  flagLead,
  importHistory,
  logInteraction,
  NotABackupError,
  recordSeen,
  recordsOfBackup,
  type AppDB,
} from '../../../lib/db';
import { at, freshDB, post, purchase, snapshotAll } from './helpers';

const open: AppDB[] = [];
const db = () => {
  const d = freshDB();
  open.push(d);
  return d;
};
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function someHistory(d: AppDB) {
  await recordSeen(d, [{ post: post({ postId: '1', text: 'how much is it?' }), inference: purchase }], { me: 'dana', now: at(0) });
  await logInteraction(d, { post: post({ postId: '1' }), inference: purchase, note: 'sent the price' }, { me: 'dana', now: at(1_000) });
  await flagLead(d, { post: post({ postId: '2', author: 'sam_buys' }), inference: purchase }, { me: 'dana', now: at(2_000) });
}

/** The records, without the outbox and meta a restore does not carry. */
async function records(d: AppDB) {
  const { customers, observations, interactions, leads, assignments } = await snapshotAll(d);
  return { customers, observations, interactions, leads, assignments };
}

describe('history backup', () => {
  it('restores every record into another profile, and a second restore adds nothing', async () => {
    const source = db();
    await someHistory(source);
    const backup = await backupHistory(source, at(5_000));
    expect(backup).toMatchObject({ format: 'switchboard.history-backup', version: 1, exportedAt: at(5_000).toISOString() });

    const target = db();
    const first = await importHistory(target, recordsOfBackup(JSON.stringify(backup)));
    expect(await records(target)).toEqual(await records(source));
    expect(first.tables.interactions.added).toBe(1);
    expect(await target.outbox.count()).toBe(0); // restored, not shared again

    const again = await importHistory(target, recordsOfBackup(JSON.stringify(backup)));
    expect(Object.values(again.tables).reduce((n, c) => n + c.added, 0)).toBe(0);
    expect(await records(target)).toEqual(await records(source));
  });

  it("restores one customer's privacy export the same way", async () => {
    const source = db();
    await someHistory(source);
    const exported = await exportCustomer(source, 'x:sam_buys');
    const target = db();
    await importHistory(target, recordsOfBackup(JSON.stringify(exported)));
    expect((await target.leads.toArray()).map((l) => l.customerKey)).toEqual(['x:sam_buys']);
    expect(await target.customers.get('x:sam_buys')).toBeTruthy();
    expect(await target.interactions.count()).toBe(0);
  });

  it('refuses what is not a backup with a message for people', () => {
    expect(() => recordsOfBackup('{ not json')).toThrow(new NotABackupError('This file is not JSON: choose a Switchboard history backup (.json).'));
    expect(() => recordsOfBackup('{"interactions": []}')).toThrow(/not a Switchboard history backup/);
    expect(() => recordsOfBackup('null')).toThrow(/not a Switchboard history backup/);
    expect(() => recordsOfBackup('{"format": "switchboard.history-backup", "version": 2}')).toThrow(/newer Switchboard/);
  });
});
