import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { decrypt } from '../encryption';
import { emptyState, type State } from '../state';
import type { TableName } from './schema';
import { contentAssociatedData } from './sql-tx';
import type { Store } from './types';

/** The file older versions kept all state in, and the folder of their encrypted configuration contents. */
export const stateFileName = 'state.json';
export const legacyContentsDirName = 'configurations';
const importName = 'state.json';

/** The tables an old `state.json` has, parents before children, so foreign keys hold at every insert. */
const importOrder: (TableName & keyof State)[] = [
  'users',
  'organizations',
  'memberships',
  'workspaces',
  'jobs',
  'api_keys',
  'access_tokens',
  'device_codes',
  'sessions',
  'configurations',
];

function readStateFile(file: string): State {
  let parsed: Partial<State>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<State>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON; restore it from a backup or move it away to start empty.`, {
      cause: error,
    });
  }
  return { ...emptyState(), ...parsed, format: 1 };
}

/**
 * Moves a data dir written by an older version into the store: every record of `state.json` and every
 * configuration content (decrypted with the secrets key, so a wrong key stops the import rather than
 * storing what nobody can read), in one transaction. Then the old files are renamed `*.migrated`. A
 * kill between the commit and the rename leaves an `imports` mark, so the next start only renames.
 * Returns whether anything was imported.
 */
export async function importStateFile(store: Store, dataDir: string, secretsKey: Buffer): Promise<boolean> {
  const file = join(dataDir, stateFileName);
  if (!existsSync(file)) return false;
  const state = readStateFile(file);
  const contentsDir = join(dataDir, legacyContentsDirName);
  const imported = await store.write(async (tx) => {
    const marks = await tx.importMarks();
    if (marks.includes(importName)) return false;
    for (const table of importOrder) {
      for (const record of state[table] as object[]) {
        await tx.insert(table, record as never);
      }
    }
    for (const configuration of state.configurations) {
      const blob = join(contentsDir, `${configuration.id}.json`);
      let encrypted: string;
      try {
        encrypted = readFileSync(blob, 'utf8');
      } catch (error) {
        throw new Error(`${blob} (content of configuration version ${configuration.version}) cannot be read.`, {
          cause: error,
        });
      }
      let content: string;
      try {
        content = decrypt(secretsKey, encrypted, contentAssociatedData(configuration.id));
      } catch (error) {
        throw new Error(
          `${blob} cannot be decrypted with this secrets key; start with the key the data dir was written with.`,
          {
            cause: error,
          },
        );
      }
      await tx.putConfigurationContent(configuration.id, content);
    }
    await tx.markImported(importName);
    return true;
  });
  renameSync(file, `${file}.migrated`);
  if (existsSync(contentsDir)) renameSync(contentsDir, `${contentsDir}.migrated`);
  return imported;
}
