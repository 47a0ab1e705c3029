/**
 * The extension's own settings: who I am, the team's words and targets (until a team backend
 * shares them), which sites are on, and how long seen posts are kept. Stored in AppDB's `meta`
 * table under `settings`, validated with zod, versioned, and migrated by numbered migrations.
 *
 * Settings that cannot be read (malformed, or written by a newer Switchboard) are never replaced
 * behind the person's back: reading returns the defaults together with the problem, and the stored
 * value stays as it is until someone saves new settings on purpose.
 */
import { z } from 'zod';
import {
  DepartmentSchema,
  HandleSchema,
  TeamSettingsSchema,
  type Site,
} from '../model';
import type { AppDB } from './app-db';
import { toStorageError } from './errors';
import { DEFAULT_RETENTION_DAYS, purgeOldObservations } from './mutations';
import { SETTINGS_MIGRATIONS, type SettingsMigration } from './settings-migrations';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

/** Before any setup the member is `me`, which is also what observations and logs are credited to. */
export const DEFAULT_HANDLE = 'me';

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  me: z.object({
    handle: HandleSchema,
    displayName: z.string().max(200),
    department: DepartmentSchema,
  }),
  team: TeamSettingsSchema,
  sites: z.object({ x: z.boolean(), facebook: z.boolean(), instagram: z.boolean() }),
  /** Days stage observations are kept (interactions and leads are never purged). */
  retentionDays: z.number().int().min(1).max(3650),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  me: { handle: DEFAULT_HANDLE, displayName: '', department: 'none' },
  team: TeamSettingsSchema.parse({}),
  sites: { x: true, facebook: true, instagram: true },
  retentionDays: DEFAULT_RETENTION_DAYS,
}) as Settings;

export function siteEnabled(settings: Settings, site: Site): boolean {
  return settings.sites[site];
}

export interface SettingsRead {
  settings: Settings;
  /** True when the settings came from storage (false: nothing stored yet, or unreadable). */
  stored: boolean;
  /** The stored version when a migration brought it up to date; saving makes it permanent. */
  migratedFrom: number | null;
  /** Why the stored settings could not be used (the defaults stand in, storage is untouched). */
  problem: string | null;
}

/**
 * Bring a stored settings object up to `current` with the numbered migrations. Throws with a
 * readable message when it cannot (no version, a newer version, a missing step).
 */
export function migrateSettings(
  stored: unknown,
  migrations: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
  current: number = SETTINGS_VERSION,
): { value: Record<string, unknown>; from: number } {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new Error('the stored settings are not an object');
  }
  let value = { ...(stored as Record<string, unknown>) };
  const from = value.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new Error('the stored settings have no version');
  }
  if (from > current) {
    throw new Error(`the stored settings were written by a newer Switchboard (settings version ${from})`);
  }
  let version = from;
  while (version < current) {
    const step = migrations.find((m) => m.from === version);
    if (!step || step.to !== version + 1) throw new Error(`no migration from settings version ${version}`);
    value = { ...step.migrate(value), version: step.to };
    version = step.to;
  }
  return { value, from };
}

/** Read stored settings (as found in storage) into valid, current settings. Pure. */
export function parseSettings(
  stored: unknown,
  migrations: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
  current: number = SETTINGS_VERSION,
  schema: z.ZodType<Settings> = SettingsSchema,
): SettingsRead {
  if (stored === undefined) return { settings: DEFAULT_SETTINGS, stored: false, migratedFrom: null, problem: null };
  let migrated: { value: Record<string, unknown>; from: number };
  try {
    migrated = migrateSettings(stored, migrations, current);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { settings: DEFAULT_SETTINGS, stored: false, migratedFrom: null, problem: `Settings could not be read: ${reason}.` };
  }
  const parsed = schema.safeParse(migrated.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'settings';
    return {
      settings: DEFAULT_SETTINGS,
      stored: false,
      migratedFrom: null,
      problem: `Settings could not be read: ${where}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  return { settings: parsed.data, stored: true, migratedFrom: migrated.from === current ? null : migrated.from, problem: null };
}

/** The settings now in force (defaults before any setup). Safe inside a live query. */
export async function loadSettings(db: AppDB): Promise<SettingsRead> {
  const row = await db.meta.get(SETTINGS_KEY);
  return parseSettings(row?.value);
}

export async function readSettings(db: AppDB): Promise<Settings> {
  return (await loadSettings(db)).settings;
}

/**
 * Validate and store settings. A stored value of another version (older before a migration, or
 * unreadable) is kept beside under `settings.previous` so saving never destroys what was there.
 * Throws a ZodError for invalid settings and a StorageError when the database refuses.
 */
export async function saveSettings(db: AppDB, next: Settings): Promise<Settings> {
  const settings = SettingsSchema.parse(next);
  try {
    await db.transaction('rw', [db.meta], async () => {
      const old = await db.meta.get(SETTINGS_KEY);
      if (old !== undefined) {
        const oldVersion = (old.value as { version?: unknown } | null)?.version;
        if (oldVersion !== SETTINGS_VERSION || !SettingsSchema.safeParse(old.value).success) {
          await db.meta.put({ key: `${SETTINGS_KEY}.previous`, value: old.value });
        }
      }
      await db.meta.put({ key: SETTINGS_KEY, value: settings });
    });
  } catch (error) {
    throw toStorageError(error, 'the settings');
  }
  return settings;
}

/**
 * The retention purge with the retention in force (the background runs it at start-up and on an
 * alarm). Returns how many stage observations were dropped.
 */
export async function applyRetention(db: AppDB, now: Date = new Date()): Promise<number> {
  const { settings } = await loadSettings(db);
  return purgeOldObservations(db, { days: settings.retentionDays, now });
}
