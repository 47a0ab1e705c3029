export * from './app-db';
export * from './errors';
export { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from './schema';
