export * from './app-db';
export * from './errors';
export * from './mutations';
export * from './queries';
export * from './settings';
export * from './outbox';
export * from './csv';
export { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from './schema';
export type { SettingsMigration } from './settings-migrations';
