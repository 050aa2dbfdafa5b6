import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { checkSecretsKey, migrateSchema } from './migrate';
import { SqlTx, type RunSql } from './sql-tx';
import type { Store, Tx } from './types';

export const databaseUrlEnv = 'DLTHUB_CONTROL_PLANE_DATABASE_URL';

/** Serialization failure, deadlock, and a unique key taken by a concurrent transaction: worth another try. */
const retryableCodes = new Set(['40001', '40P01', '23505']);
const maxAttempts = 8;
/** Any constant: instances starting together take turns migrating the schema. */
const migrationLockKey = 7_105_116_104;

/**
 * The URL without its password, for logs and errors. Its own rule rather than config-core's
 * `maskSecret`: the control plane depends on nothing but the shared API schemas (DESIGN), and a
 * database URL is never printed by the client packages, so nothing else needs this rule.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

/**
 * PostgreSQL, shared by every instance of one team's control plane. Reads see one snapshot
 * (REPEATABLE READ). Writes run READ COMMITTED: records a write decides on are locked (`find` with
 * `lock`), unique keys catch the rest, and a write that loses such a race or a deadlock is run again.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly location: string;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
    private readonly secretsKey: Buffer,
  ) {
    this.location = redactDatabaseUrl(url);
  }

  static async open(url: string, secretsKey: Buffer, options: { poolSize?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection that dies (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, url, secretsKey);
    try {
      await store.transaction('BEGIN', async (run) => {
        await run(`SELECT pg_advisory_xact_lock(${migrationLockKey})`, []);
        await migrateSchema('postgres', run);
        await checkSecretsKey('postgres', run, secretsKey);
      });
    } catch (error) {
      await pool.end();
      throw new Error(`Cannot open the database at ${store.location}: ${(error as Error).message}`, { cause: error });
    }
    return store;
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (run) =>
      work(new SqlTx('postgres', run, this.secretsKey)),
    );
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL READ COMMITTED', (run) =>
      work(new SqlTx('postgres', run, this.secretsKey)),
    );
  }

  private async transaction<T>(begin: string, work: (run: RunSql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const run: RunSql = async (sql, params) => {
        const result = await client.query(sql, params);
        return { rows: result.rows as Record<string, unknown>[], changes: result.rowCount ?? 0 };
      };
      let broken: Error | undefined;
      try {
        await client.query(begin);
        const value = await work(run);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        const code = (error as { code?: string }).code;
        if (code && retryableCodes.has(code) && attempt < maxAttempts) {
          await sleep(Math.random() * 10 * attempt);
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
