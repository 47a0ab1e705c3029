/**
 * Numbered migrations of the stored settings, in order. Settings version 1 is the first shipped
 * shape, so there is no migration yet. To change the shape:
 *
 * 1. add `v1-to-v2.ts` here exporting `{ from: 1, to: 2, migrate }`, where `migrate` takes the
 *    stored version-1 object (unknown: read it defensively) and returns the version-2 object;
 * 2. append it to SETTINGS_MIGRATIONS and bump SETTINGS_VERSION and SettingsSchema in ../settings.ts;
 * 3. keep `tests/fixtures/settings/v1.json` as it is, add `v2.json`, and test that v1 migrates.
 */
export interface SettingsMigration {
  from: number;
  to: number;
  migrate(stored: Record<string, unknown>): Record<string, unknown>;
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [];
