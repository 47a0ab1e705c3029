import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import {
  flagLead,
  ImportFailedError,
  importHistory,
  ImportRejectedError,
  setLeadStatus,
  StorageError,
  type AppDB,
} from '../../../lib/db';
import type { Assignment, Customer, Interaction, Lead, StageObservation } from '../../../lib/model';
import { failWrites, freshDB, post, purchase, quotaExceeded, snapshotAll, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

const snapshot = (n: number) => ({
  site: 'x' as const,
  postId: String(1900 + n),
  postKey: `x:${1900 + n}`,
  permalink: null,
  text: 'Where is my order?',
  postedAt: null,
});

function time(minutes: number): string {
  return new Date(T0.getTime() + minutes * 60_000).toISOString();
}

function customer(handle: string, overrides: Partial<Customer> = {}): Customer {
  return {
    key: `x:${handle}`, site: 'x', handle, displayName: handle.toUpperCase(),
    firstSeenAt: time(0), lastSeenAt: time(0), lastStage: 'pre-purchase', ...overrides,
  };
}

function interaction(handle: string, n: number): Interaction {
  return {
    id: uuidv7(), customerKey: `x:${handle}`, post: snapshot(n), kind: 'reply', note: '', stage: 'post-purchase',
    department: 'service', memberHandle: 'dana', createdAt: time(n),
  };
}

function observation(handle: string, n: number): StageObservation {
  return {
    id: uuidv7(), customerKey: `x:${handle}`, post: snapshot(n), stage: 'purchase', department: 'sales',
    confidence: 0.8, observedAt: time(n), observedBy: 'dana',
  };
}

function lead(handle: string, version = 1): Lead {
  return {
    id: uuidv7(), customerKey: `x:${handle}`, source: snapshot(0), status: 'new', owner: 'dana', note: '',
    createdAt: time(0), updatedAt: time(version), version,
  };
}

function assignment(handle: string): Assignment {
  return {
    id: uuidv7(), customerKey: `x:${handle}`, post: snapshot(0), stage: 'post-purchase', department: 'service',
    assignee: null, status: 'open', createdBy: 'dana', createdAt: time(0), updatedAt: time(1), version: 1,
  };
}

describe('importHistory', () => {
  it('imports every table, makes a row for every customer named, and queues nothing for the team', async () => {
    db = freshDB();
    const records = {
      customers: [customer('ann', { lastStage: 'purchase' })],
      observations: [observation('ann', 1), observation('bob', 2)],
      interactions: [interaction('ann', 3), interaction('bob', 4), interaction('bob', 5)],
      leads: [lead('ann')],
      assignments: [assignment('cy')],
    };
    const report = await importHistory(db, records);

    expect(report.recordsDone).toBe(8);
    expect(report.recordsTotal).toBe(8);
    expect(report.tables).toEqual({
      customers: { added: 3, updated: 0, unchanged: 0 },
      observations: { added: 2, updated: 0, unchanged: 0 },
      interactions: { added: 3, updated: 0, unchanged: 0 },
      leads: { added: 1, updated: 0, unchanged: 0 },
      assignments: { added: 1, updated: 0, unchanged: 0 },
    });
    expect(await db.interactions.orderBy('id').toArray()).toEqual([...records.interactions].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.leads.toArray()).toEqual(records.leads);
    // Ann's row is hers, brought up to her newest record; Bob and Cy get rows made from their records.
    expect(await db.customers.get('x:ann')).toEqual({ ...records.customers[0], lastSeenAt: time(3), lastStage: 'post-purchase' });
    expect(await db.customers.get('x:bob')).toMatchObject({ handle: 'bob', displayName: '', firstSeenAt: time(2), lastSeenAt: time(5), lastStage: 'post-purchase' });
    expect(await db.customers.get('x:cy')).toMatchObject({ firstSeenAt: time(1), lastStage: 'post-purchase' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses the whole import for one bad record, says which, and changes nothing', async () => {
    db = freshDB();
    await importHistory(db, { customers: [customer('ann')] });
    const before = await snapshotAll(db);
    const bad = { ...interaction('bob', 2), createdAt: 'yesterday' };
    const error = await importHistory(db, {
      customers: [customer('zed')],
      interactions: [interaction('bob', 1), bad, { ...interaction('bob', 3), kind: 'telepathy' }],
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).invalid).toBe(2);
    expect((error as Error).message).toMatch(/^Nothing was imported: 2 records are not valid \(interactions\[1\] createdAt: .*; interactions\[2\] kind: /);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('refuses a customer whose key is not its site and handle, and input that is not a list', async () => {
    db = freshDB();
    await expect(importHistory(db, { customers: [customer('ann', { key: 'x:bob' })] })).rejects.toThrow(/customers\[0\] key: x:bob is not x:ann/);
    await expect(importHistory(db, { interactions: 'all of them' as never })).rejects.toThrow(ImportRejectedError);
    expect(await db.customers.count()).toBe(0);
  });

  it('imports nothing twice: a second import of the same records adds nothing', async () => {
    db = freshDB();
    const records = {
      customers: [customer('ann')],
      observations: [observation('ann', 1)],
      interactions: [interaction('ann', 2), interaction('bob', 3)],
      leads: [lead('ann')],
      assignments: [assignment('bob')],
    };
    await importHistory(db, records);
    const before = await snapshotAll(db);
    const again = await importHistory(db, records, { chunkSize: 2 });

    expect(again.tables).toEqual({
      customers: { added: 0, updated: 0, unchanged: 2 },
      observations: { added: 0, updated: 0, unchanged: 1 },
      interactions: { added: 0, updated: 0, unchanged: 2 },
      leads: { added: 0, updated: 0, unchanged: 1 },
      assignments: { added: 0, updated: 0, unchanged: 1 },
    });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it('keeps the newer version of a lead, and never overwrites one with a local change waiting', async () => {
    db = freshDB();
    const { lead: mine } = await flagLead(db, { post: post(), inference: purchase }, { me: 'dana', now: T0 });
    const stored = lead('ann', 2);
    await importHistory(db, { leads: [stored] });

    const older = { ...stored, status: 'lost' as const, version: 1 };
    const newer = { ...stored, status: 'contacted' as const, version: 3, updatedAt: time(3) };
    const theirs = { ...mine, status: 'won' as const, version: 5 };
    const report = await importHistory(db, { leads: [older, newer, theirs] });

    expect(report.tables.leads).toEqual({ added: 0, updated: 1, unchanged: 2 });
    expect(await db.leads.get(stored.id)).toEqual(newer);
    expect(await db.leads.get(mine.id)).toEqual(mine);
    // The local change still goes out as it was made.
    expect((await db.outbox.toArray()).map((e) => e.mutation.type)).toEqual(['lead.put']);
    await expect(setLeadStatus(db, mine.id, 'contacted', { me: 'dana', now: T0 })).resolves.toMatchObject({ version: 2 });
  });

  it('stops at a chunk that fails, says exactly what was imported, and a second import completes it', async () => {
    db = freshDB();
    const interactions = Array.from({ length: 7 }, (_, i) => interaction(i % 2 ? 'ann' : 'bob', i));
    failWrites(db, 'interactions', (write) => (write === 2 ? quotaExceeded() : null));
    const error = await importHistory(db, { customers: [customer('ann')], interactions }, { chunkSize: 3 }).catch((e: unknown) => e);

    // Chunks: [ann, i0, i1] [i2, i3, i4] [i5, i6]: the second fails whole, the first stays.
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error).toBeInstanceOf(StorageError);
    const failed = error as ImportFailedError;
    expect(failed.quotaExceeded).toBe(true);
    expect(failed.imported.recordsDone).toBe(3);
    expect(failed.imported.tables.interactions).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(failed.message).toMatch(/^The import stopped after 3 of 8 records: those were imported .*storage for Switchboard is full/);
    expect((await db.interactions.toArray()).map((i) => i.id).sort()).toEqual([interactions[0]!.id, interactions[1]!.id].sort());
    // Every stored record has its customer; Bob's row came with the first chunk that named him.
    expect((await db.customers.toArray()).map((c) => c.key).sort()).toEqual(['x:ann', 'x:bob']);

    const again = await importHistory(db, { customers: [customer('ann')], interactions }, { chunkSize: 3 });
    expect(again.tables.interactions).toEqual({ added: 5, updated: 0, unchanged: 2 });
    expect(await db.interactions.count()).toBe(7);
  });
});
