import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { AppDB, CURRENT_SCHEMA_VERSION, openAppDB, SCHEMA_VERSIONS } from '../../../lib/db';
import {
  AssignmentSchema,
  CustomerSchema,
  InteractionSchema,
  LeadSchema,
  MutationSchema,
  StageObservationSchema,
} from '../../../lib/model';
import { SettingsSchema } from '../../../lib/db/settings';
import v1 from '../../fixtures/db/v1.json';
import v2 from '../../fixtures/db/v2.json';
import v3 from '../../fixtures/db/v3.json';

type Fixture = { version: number; stores: Record<string, string>; tables: Record<string, Record<string, unknown>[]> };

/** Build the database exactly as the shipped version wrote it: its own stores spec, raw rows. */
async function buildFromSample(sample: Fixture): Promise<string> {
  const name = `sample-v${sample.version}-${uuidv7()}`;
  const old = new Dexie(name);
  old.version(sample.version).stores(sample.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(sample.tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
  return name;
}

const samples: Fixture[] = [v1 as Fixture, v2 as Fixture, v3 as Fixture];

describe('database versions', () => {
  it('keeps a sample database for every shipped version', () => {
    expect(samples.map((s) => s.version)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
  });

  it('never edits a shipped version: each sample records the stores it shipped with', () => {
    for (const sample of samples) {
      const shipped = SCHEMA_VERSIONS.find((v) => v.version === sample.version);
      expect(shipped?.stores).toEqual(sample.stores);
    }
  });

  for (const sample of samples) {
    it(`opens the v${sample.version} sample with the current code and loses nothing`, async () => {
      const name = await buildFromSample(sample);
      const db = openAppDB(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);

      for (const [table, rows] of Object.entries(sample.tables)) {
        const now = await db.table(table).toArray();
        expect(now, table).toHaveLength(rows.length);
        expect(now, table).toEqual(expect.arrayContaining(rows.map((r) => expect.objectContaining(r))));
      }
      // What was stored still reads as today's records.
      for (const c of await db.customers.toArray()) CustomerSchema.parse(c);
      for (const o of await db.observations.toArray()) StageObservationSchema.parse(o);
      for (const i of await db.interactions.toArray()) InteractionSchema.parse(i);
      for (const l of await db.leads.toArray()) LeadSchema.parse(l);
      for (const a of await db.assignments.toArray()) AssignmentSchema.parse(a);
      for (const e of await db.outbox.toArray()) MutationSchema.parse(e.mutation);
      SettingsSchema.parse((await db.meta.get('settings'))?.value);

      // And the indexes the code queries work on the old data.
      expect(await db.observations.where('[customerKey+observedAt]').between(['x:dana_buys', Dexie.minKey], ['x:dana_buys', Dexie.maxKey]).count()).toBe(2);
      expect(await db.interactions.where('[customerKey+createdAt]').between(['instagram:sam.k', Dexie.minKey], ['instagram:sam.k', Dexie.maxKey]).count()).toBe(1);
      expect(await db.leads.where('customerKey').equals('x:dana_buys').count()).toBe(1);
      expect(await db.assignments.where('[assignee+status]').equals(['me', 'open']).count()).toBe(1);
      expect(await db.assignments.where('post.postKey').equals('instagram:C4xYz_AbCdE').count()).toBe(1);
      expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
      // New outbox entries continue after the old ones.
      const seq = await db.outbox.add({
        mutationId: uuidv7(), customerKey: 'x:dana_buys', state: 'pending',
        mutation: { mutationId: uuidv7(), createdAt: new Date().toISOString(), type: 'customer.erase', customerKey: 'x:dana_buys' },
      });
      expect(seq).toBeGreaterThan(2);
      db.close();
    });
  }

  it('a failed upgrade leaves the old data in place and readable', async () => {
    const name = await buildFromSample(v1 as Fixture);
    // A future version whose upgrade breaks half way, after it has already changed rows.
    const broken = new AppDB(name, [
      ...SCHEMA_VERSIONS,
      {
        version: CURRENT_SCHEMA_VERSION + 1,
        stores: { customers: 'key, handle, lastSeenAt, displayName' },
        upgrade: async (tx) => {
          await tx.table('customers').toCollection().modify({ displayName: 'REPLACED' });
          await tx.table('leads').clear();
          throw new Error('upgrade bug');
        },
      },
    ]);
    await expect(broken.open()).rejects.toThrow();
    broken.close();

    // The current code still opens it, with every row as it was.
    const db = openAppDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect((await db.customers.toArray()).map((c) => c.displayName).sort()).toEqual(['Dana Ruiz', 'Sam K ☕']);
    expect(await db.leads.count()).toBe(1);
    expect(await db.observations.count()).toBe(3);
    db.close();

    // Even code that knows no schema can read it (dynamic mode), e.g. to export before a fix.
    const raw = new Dexie(name);
    await raw.open();
    expect(await raw.table('interactions').count()).toBe(1);
    raw.close();
  });

  it('indexes no text: post text, notes and names stay out of every index', () => {
    for (const version of SCHEMA_VERSIONS) {
      for (const spec of Object.values(version.stores)) {
        expect(spec ?? '').not.toMatch(/text|note|displayName|authorName/);
      }
    }
  });
});
