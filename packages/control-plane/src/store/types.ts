import type { TableName, Tables } from './schema';

/** Equality on each given field (`null` matches a missing value). */
export type Where<T> = Partial<T>;

export interface ListOrder<T> {
  /** The field to order by; without one, the order the records were made in. */
  by?: keyof T & string;
  descending?: boolean;
  limit?: number;
  /** Records to skip first (paging). */
  offset?: number;
  /**
   * Only the records whose `by` value comes after this one in the order (keyset paging: where `offset`
   * reads and drops every skipped record, this starts at the index entry).
   */
  after?: number | string;
}

/** The tables whose records end at `expires_at`. */
export type ExpiringTable = 'access_tokens' | 'device_codes' | 'sessions' | 'api_keys';

/** What a request sees and changes: everything inside one database transaction. */
export interface Tx {
  /**
   * The first matching record. `lock` holds it until the transaction ends (PostgreSQL `FOR UPDATE`),
   * so concurrent writers of the same record take turns; SQLite runs one writer at a time anyway.
   */
  find<K extends TableName>(
    table: K,
    where: Where<Tables[K]>,
    options?: { lock?: boolean },
  ): Promise<Tables[K] | undefined>;
  /** Matching records in the order they were made, unless `order` says otherwise. */
  list<K extends TableName>(table: K, where?: Where<Tables[K]>, order?: ListOrder<Tables[K]>): Promise<Tables[K][]>;
  count<K extends TableName>(table: K, where?: Where<Tables[K]>): Promise<number>;
  insert<K extends TableName>(table: K, row: Tables[K]): Promise<void>;
  /** Returns how many records changed. */
  update<K extends TableName>(table: K, where: Where<Tables[K]>, patch: Partial<Tables[K]>): Promise<number>;
  remove<K extends TableName>(table: K, where: Where<Tables[K]>): Promise<number>;
  /** Drops the records whose `expires_at` is at or before `cutoff`; returns how many went. */
  removeExpired(table: ExpiringTable, cutoff: Date): Promise<number>;
  /** Keeps a configuration's content (secrets included), encrypted, beside its record. */
  putConfigurationContent(configurationId: string, content: string): Promise<void>;
  /** The decrypted content, or undefined when there is none. */
  configurationContent(configurationId: string): Promise<string | undefined>;
  /** Names of the one-off imports done (an old data dir's `state.json`). */
  importMarks(): Promise<string[]>;
  markImported(name: string, at?: Date): Promise<void>;
}

/**
 * Where the control plane keeps its state: SQLite in the data dir, or PostgreSQL. Each call is one
 * transaction: it commits when `work` resolves and rolls back, changing nothing, when it throws or
 * the commit fails. `work` may run more than once (PostgreSQL retries a write that lost a race for a
 * unique key, or a deadlock), so it must only touch the database.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, without any password (for logs). */
  readonly location: string;
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
