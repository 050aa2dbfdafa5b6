import { decrypt, encrypt } from '../encryption';
import { migrations, type Dialect } from './schema';
import type { RunSql } from './sql-tx';

/** Brings the schema up to date. Run it inside one transaction (the caller's), so a failure applies nothing. */
export async function migrateSchema(dialect: Dialect, run: RunSql, now: Date = new Date()): Promise<void> {
  await run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)', []);
  const { rows } = await run('SELECT version FROM schema_migrations', []);
  const applied = new Set(rows.map((row) => Number(row.version)));
  const known = migrations(dialect);
  const newest = Math.max(...known.map((m) => m.version));
  const ahead = [...applied].filter((version) => version > newest);
  if (ahead.length) {
    throw new Error(
      `The database has schema version ${Math.max(...ahead)}, newer than this control plane knows (${newest}); run a newer control plane.`,
    );
  }
  const insert =
    dialect === 'sqlite'
      ? 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)'
      : 'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)';
  for (const migration of known) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) await run(statement, []);
    await run(insert, [migration.version, now.toISOString()]);
  }
}

const keyCheckName = 'secrets_key_check';
const keyCheckText = 'dlthub control plane secrets key check';

/**
 * The first start records a value encrypted with the secrets key; later starts must decrypt it. An
 * instance given another key would store contents nobody else can read, so it refuses to start.
 */
export async function checkSecretsKey(dialect: Dialect, run: RunSql, key: Buffer): Promise<void> {
  const p = (i: number) => (dialect === 'sqlite' ? '?' : `$${i}`);
  const { rows } = await run(`SELECT value FROM settings WHERE name = ${p(1)}`, [keyCheckName]);
  const stored = rows[0]?.value;
  if (typeof stored !== 'string') {
    await run(`INSERT INTO settings (name, value) VALUES (${p(1)}, ${p(2)})`, [
      keyCheckName,
      encrypt(key, keyCheckText, keyCheckName),
    ]);
    return;
  }
  try {
    if (decrypt(key, stored, keyCheckName) === keyCheckText) return;
  } catch {
    // Reported below.
  }
  throw new Error(
    'The secrets key is not the one this database was written with; start with the same --secrets-key-file or $DLTHUB_CONTROL_PLANE_SECRETS_KEY as before (every instance of one database needs the same key).',
  );
}
