import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSecretsKey, secretsKeyEnv } from '../encryption';
import { importStateFile } from './import-state-file';
import { databaseUrlEnv, PostgresStore } from './postgres';
import { SqliteStore, sqliteFileName } from './sqlite';
import type { Store } from './types';

export interface OpenStoreOptions {
  /** Holds the SQLite database (unless `databaseUrl`), the generated secrets key, and an old `state.json` to import. */
  dataDir?: string;
  /** `postgres://…`: PostgreSQL instead of SQLite (else `$DLTHUB_CONTROL_PLANE_DATABASE_URL`). */
  databaseUrl?: string;
  secretsKeyFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Opens (and creates or migrates) the store the options name. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? (env[databaseUrlEnv] || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`The database URL must start with postgres:// or postgresql://.`);
  }
  const { dataDir } = options;
  if (dataDir !== undefined) {
    // The data dir holds the secrets key and, with SQLite, hashes and encrypted secrets: owner only.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  } else if (databaseUrl === undefined) {
    throw new Error('A data dir (--data-dir) or a database URL (--database-url) is needed.');
  } else if (!options.secretsKeyFile && !env[secretsKeyEnv]) {
    throw new Error(
      `Without --data-dir the secrets key must come from --secrets-key-file or $${secretsKeyEnv} (every instance needs the same key).`,
    );
  }
  const secretsKey = loadSecretsKey(dataDir ?? '', options.secretsKeyFile, env);
  const store =
    databaseUrl !== undefined
      ? await PostgresStore.open(databaseUrl, secretsKey)
      : await SqliteStore.open(join(dataDir!, sqliteFileName), secretsKey);
  try {
    if (dataDir !== undefined) await importStateFile(store, dataDir, secretsKey);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
