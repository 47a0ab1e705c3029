import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  applyRetention,
  DEFAULT_SETTINGS,
  recordSeen,
  loadSettings,
  migrateSettings,
  parseSettings,
  saveSettings,
  SETTINGS_VERSION,
  SettingsSchema,
  StorageError,
  type AppDB,
  type SettingsMigration,
} from '../../../lib/db';
import { SETTINGS_MIGRATIONS } from '../../../lib/db/settings-migrations';
import v1 from '../../fixtures/settings/v1.json';
import { freshDB, post, purchase, T0 } from './helpers';

let db: AppDB;
afterEach(() => db?.close());

describe('settings', () => {
  it('before any setup, I am "me" with every site on and 180 days of retention', async () => {
    db = freshDB();
    const read = await loadSettings(db);
    expect(read).toMatchObject({ stored: false, problem: null });
    expect(read.settings.me.handle).toBe('me');
    expect(read.settings.sites).toEqual({ x: true, facebook: true, instagram: true });
    expect(read.settings.retentionDays).toBe(180);
    expect(read.settings.team.responseTargets).toEqual({ 'pre-purchase': 1440, purchase: 60, 'post-purchase': 60 });
  });

  it('saves and reads back valid settings, and refuses invalid ones without writing', async () => {
    db = freshDB();
    const mine = { ...DEFAULT_SETTINGS, me: { handle: 'dana', displayName: 'Dana', department: 'sales' as const } };
    await saveSettings(db, mine);
    expect((await loadSettings(db)).settings).toEqual(mine);
    await expect(saveSettings(db, { ...mine, me: { ...mine.me, handle: 'Not A Handle' } })).rejects.toThrow();
    await expect(saveSettings(db, { ...mine, retentionDays: 0 })).rejects.toThrow();
    expect((await loadSettings(db)).settings.me.handle).toBe('dana');
  });

  it('reads every stored sample of a shipped settings version', () => {
    const read = parseSettings(v1);
    expect(read.problem).toBeNull();
    expect(read.settings).toMatchObject({ me: { handle: 'dana' }, sites: { facebook: false }, retentionDays: 90 });
  });

  it('has one numbered migration per version step', () => {
    expect(SETTINGS_MIGRATIONS.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => [i + 1, i + 2]),
    );
  });

  it('unreadable settings give the defaults and a problem, and are not overwritten by reading', async () => {
    db = freshDB();
    const broken = { version: 1, me: { handle: 42 } };
    await db.meta.put({ key: 'settings', value: broken });
    const read = await loadSettings(db);
    expect(read.stored).toBe(false);
    expect(read.problem).toMatch(/Settings could not be read: me.handle/);
    expect(read.settings).toEqual(DEFAULT_SETTINGS);
    expect((await db.meta.get('settings'))?.value).toEqual(broken);

    expect(parseSettings({ ...v1, version: 99 }).problem).toMatch(/newer Switchboard/);
    expect(parseSettings('nonsense').problem).toMatch(/not an object/);
    expect(parseSettings({ me: {} }).problem).toMatch(/no version/);

    // Saving on purpose replaces them, and keeps what was there beside.
    await saveSettings(db, DEFAULT_SETTINGS);
    expect((await db.meta.get('settings.previous'))?.value).toEqual(broken);
  });

  it('runs numbered migrations in order (a future v1 → v2 → v3, on the stored v1 sample)', () => {
    const migrations: SettingsMigration[] = [
      { from: 2, to: 3, migrate: (s) => ({ ...s, theme: (s.density as string) === 'compact' ? 'dense' : 'airy' }) },
      { from: 1, to: 2, migrate: (s) => ({ ...s, density: 'compact' }) },
    ];
    const V3 = SettingsSchema.extend({ version: z.literal(3), density: z.string(), theme: z.string() });
    const migrated = migrateSettings(v1, migrations, 3);
    expect(migrated.from).toBe(1);
    expect(migrated.value).toMatchObject({ version: 3, density: 'compact', theme: 'dense', me: { handle: 'dana' } });
    const read = parseSettings(v1, migrations, 3, V3 as never);
    expect(read).toMatchObject({ stored: true, migratedFrom: 1, problem: null });
    expect(parseSettings(v1, [migrations[1]!], 3, V3 as never).problem).toMatch(/no migration from settings version 2/);
  });

  it('a database failure while saving is a StorageError', async () => {
    db = freshDB();
    db.close();
    await expect(saveSettings(db, DEFAULT_SETTINGS)).rejects.toBeInstanceOf(StorageError);
  });

  it('applies the retention in force', async () => {
    db = freshDB();
    const daysAgo = (n: number) => new Date(T0.getTime() - n * 86_400_000);
    await recordSeen(db, [{ post: post({ postId: 'a' }), inference: purchase }], { me: 'me', now: daysAgo(100) });
    await recordSeen(db, [{ post: post({ postId: 'b' }), inference: purchase }], { me: 'me', now: daysAgo(10) });
    expect(await applyRetention(db, T0)).toBe(0);
    await saveSettings(db, { ...DEFAULT_SETTINGS, retentionDays: 30 });
    expect(await applyRetention(db, T0)).toBe(1);
    expect((await db.observations.toArray()).map((o) => o.post.postId)).toEqual(['b']);
  });
});
