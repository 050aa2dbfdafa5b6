import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { checkSecretsKey, migrateSchema } from './migrate';
import { SqlTx, type RunSql } from './sql-tx';
import type { Store, Tx } from './types';

/**
 * better-sqlite3's native part keeps the `SqliteError` class of the first module instance that loaded it, so where
 * one process loads the module more than once (Jest gives each test file its own module registry) a refusal can be
 * an object whose prototype chain is not this instance's `Error`. Refusals leave the store as this realm's `Error`,
 * same message and `code`, the original as `cause`.
 */
function ownError(error: unknown): Error {
  if (error instanceof Error) return error;
  const { message, code } = error as { message?: unknown; code?: unknown };
  return Object.assign(new Error(typeof message === 'string' ? message : String(error), { cause: error }), {
    code: typeof code === 'string' ? code : undefined,
  });
}

/** The embedded database, inside the data dir. */
export const sqliteFileName = 'control-plane.sqlite';

/**
 * SQLite in WAL mode with foreign keys on and `synchronous = FULL` (a commit is on disk before the
 * client hears of it). One connection; transactions run one after another, which is also what
 * SQLite allows writers, and each takes a few statements on local disk.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tx: Tx;

  private constructor(
    readonly location: string,
    secretsKey: Buffer,
  ) {
    // Made owner-only before SQLite opens it; its -wal and -shm files take the same mode.
    closeSync(openSync(location, 'a', 0o600));
    chmodSync(location, 0o600);
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.tx = new SqlTx('sqlite', this.run, secretsKey);
  }

  static async open(file: string, secretsKey: Buffer): Promise<SqliteStore> {
    const store = new SqliteStore(file, secretsKey);
    try {
      await store.transaction('BEGIN IMMEDIATE', async () => {
        await migrateSchema('sqlite', store.run);
        await checkSecretsKey('sqlite', store.run, secretsKey);
      });
    } catch (error) {
      store.db.close();
      throw error;
    }
    return store;
  }

  private readonly run: RunSql = (sql, params) => {
    try {
      let statement = this.statements.get(sql);
      if (!statement) {
        statement = this.db.prepare(sql);
        this.statements.set(sql, statement);
      }
      if (statement.reader)
        return Promise.resolve({ rows: statement.all(...params) as Record<string, unknown>[], changes: 0 });
      return Promise.resolve({ rows: [], changes: statement.run(...params).changes });
    } catch (error) {
      return Promise.reject(ownError(error));
    }
  };

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN', () => work(this.tx));
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN IMMEDIATE', () => work(this.tx));
  }

  /** One transaction at a time on the one connection: the next starts when this one has ended. */
  private transaction<T>(begin: string, work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.db.exec(begin);
      try {
        const value = await work();
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}
