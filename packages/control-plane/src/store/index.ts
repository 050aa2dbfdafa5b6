export type { Store, Tx, Where, ExpiringTable } from './types';
export type { Tables, TableName } from './schema';
export { openStore, type OpenStoreOptions } from './open';
export { SqliteStore, sqliteFileName } from './sqlite';
export { PostgresStore, databaseUrlEnv, redactDatabaseUrl } from './postgres';
export { importStateFile, stateFileName, legacyContentsDirName } from './import-state-file';
