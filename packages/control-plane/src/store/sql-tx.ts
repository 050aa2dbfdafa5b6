import { decrypt, encrypt } from '../encryption';
import { tableColumns, type ColumnKind, type Dialect, type TableName, type Tables } from './schema';
import type { ExpiringTable, ListOrder, Tx, Where } from './types';

/** Runs one statement; `rows` for queries, `changes` for writes. */
export type RunSql = (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[]; changes: number }>;

const quote = (name: string) => `"${name}"`;

function encode(dialect: Dialect, kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'bool' && dialect === 'sqlite') return value ? 1 : 0;
  return value;
}

function decode(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'json') return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (kind === 'bool') return value === true || value === 1;
  // PostgreSQL sends BIGINT as text: a number again (GitHub ids fit a double).
  if (kind === 'int' || kind === 'bigint' || kind === 'real') return Number(value);
  return value;
}

/** Associated data of an encrypted content: it cannot be moved to another configuration's record. */
export function contentAssociatedData(configurationId: string): string {
  return `configurations/${configurationId}.json`;
}

/** The table operations of `Tx`, in SQL both SQLite and PostgreSQL understand. */
export class SqlTx implements Tx {
  constructor(
    private readonly dialect: Dialect,
    private readonly run: RunSql,
    private readonly secretsKey: Buffer,
  ) {}

  private placeholder(index: number): string {
    return this.dialect === 'sqlite' ? '?' : `$${index}`;
  }

  private whereClause<K extends TableName>(table: K, where: Where<Tables[K]>, params: unknown[]): string {
    const columns = tableColumns[table] as Record<string, ColumnKind>;
    const parts = Object.entries(where).map(([name, value]) => {
      const kind = columns[name];
      if (!kind) throw new Error(`Unknown column ${table}.${name}.`);
      if (value === null || value === undefined) return `${quote(name)} IS NULL`;
      params.push(encode(this.dialect, kind, value));
      return `${quote(name)} = ${this.placeholder(params.length)}`;
    });
    return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
  }

  private decodeRow<K extends TableName>(table: K, row: Record<string, unknown>): Tables[K] {
    const columns = tableColumns[table] as Record<string, ColumnKind>;
    const record: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(columns)) record[name] = decode(kind, row[name]);
    return record as unknown as Tables[K];
  }

  private selectList(table: TableName): string {
    return Object.keys(tableColumns[table]).map(quote).join(', ');
  }

  async find<K extends TableName>(
    table: K,
    where: Where<Tables[K]>,
    options: { lock?: boolean } = {},
  ): Promise<Tables[K] | undefined> {
    const params: unknown[] = [];
    const lock = options.lock && this.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const sql = `SELECT ${this.selectList(table)} FROM ${table}${this.whereClause(table, where, params)} ORDER BY seq LIMIT 1${lock}`;
    const { rows } = await this.run(sql, params);
    return rows[0] ? this.decodeRow(table, rows[0]) : undefined;
  }

  async list<K extends TableName>(
    table: K,
    where: Where<Tables[K]> = {},
    order?: ListOrder<Tables[K]>,
  ): Promise<Tables[K][]> {
    const params: unknown[] = [];
    let condition = this.whereClause(table, where, params);
    let orderBy = 'seq';
    let page = '';
    if (order) {
      const direction = order.descending ? ' DESC' : '';
      const column = order.by && (tableColumns[table] as Record<string, ColumnKind>)[order.by];
      if (order.by !== undefined && !column) throw new Error(`Unknown column ${table}.${order.by}.`);
      orderBy = order.by === undefined ? `seq${direction}` : `${quote(order.by)}${direction}, seq`;
      if (order.after !== undefined) {
        if (!order.by || !column) throw new Error(`Paging ${table} after a value needs the field it orders by.`);
        params.push(encode(this.dialect, column, order.after));
        const comparison = `${quote(order.by)} ${order.descending ? '<' : '>'} ${this.placeholder(params.length)}`;
        condition = condition ? `${condition} AND ${comparison}` : ` WHERE ${comparison}`;
      }
      if (order.limit !== undefined || order.offset !== undefined) {
        // No limit: -1 to SQLite, NULL to PostgreSQL.
        params.push(
          order.limit === undefined ? (this.dialect === 'sqlite' ? -1 : null) : Math.max(0, Math.floor(order.limit)),
        );
        params.push(Math.max(0, Math.floor(order.offset ?? 0)));
        page = ` LIMIT ${this.placeholder(params.length - 1)} OFFSET ${this.placeholder(params.length)}`;
      }
    }
    // Values travel as parameters, never in the text: the SQLite store keeps one prepared statement per text.
    const sql = `SELECT ${this.selectList(table)} FROM ${table}${condition} ORDER BY ${orderBy}${page}`;
    const { rows } = await this.run(sql, params);
    return rows.map((row) => this.decodeRow(table, row));
  }

  async count<K extends TableName>(table: K, where: Where<Tables[K]> = {}): Promise<number> {
    const params: unknown[] = [];
    const { rows } = await this.run(
      `SELECT COUNT(*) AS n FROM ${table}${this.whereClause(table, where, params)}`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async insert<K extends TableName>(table: K, row: Tables[K]): Promise<void> {
    const columns = Object.entries(tableColumns[table] as Record<string, ColumnKind>);
    const params = columns.map(([name, kind]) =>
      encode(this.dialect, kind, (row as unknown as Record<string, unknown>)[name]),
    );
    const sql = `INSERT INTO ${table} (${columns.map(([name]) => quote(name)).join(', ')}) VALUES (${columns
      .map((_, i) => this.placeholder(i + 1))
      .join(', ')})`;
    await this.run(sql, params);
  }

  async update<K extends TableName>(table: K, where: Where<Tables[K]>, patch: Partial<Tables[K]>): Promise<number> {
    const columns = tableColumns[table] as Record<string, ColumnKind>;
    const params: unknown[] = [];
    const sets = Object.entries(patch).map(([name, value]) => {
      const kind = columns[name];
      if (!kind) throw new Error(`Unknown column ${table}.${name}.`);
      params.push(encode(this.dialect, kind, value));
      return `${quote(name)} = ${this.placeholder(params.length)}`;
    });
    if (sets.length === 0) return 0;
    const sql = `UPDATE ${table} SET ${sets.join(', ')}${this.whereClause(table, where, params)}`;
    return (await this.run(sql, params)).changes;
  }

  async remove<K extends TableName>(table: K, where: Where<Tables[K]>): Promise<number> {
    const params: unknown[] = [];
    return (await this.run(`DELETE FROM ${table}${this.whereClause(table, where, params)}`, params)).changes;
  }

  async removeExpired(table: ExpiringTable, cutoff: Date): Promise<number> {
    // ISO timestamps of one format sort as text in time order.
    const sql = `DELETE FROM ${table} WHERE expires_at <= ${this.placeholder(1)}`;
    return (await this.run(sql, [cutoff.toISOString()])).changes;
  }

  async putConfigurationContent(configurationId: string, content: string): Promise<void> {
    const encrypted = encrypt(this.secretsKey, content, contentAssociatedData(configurationId));
    await this.run(
      `INSERT INTO configuration_contents (configuration_id, encrypted) VALUES (${this.placeholder(1)}, ${this.placeholder(2)})`,
      [configurationId, encrypted],
    );
  }

  async configurationContent(configurationId: string): Promise<string | undefined> {
    const { rows } = await this.run(
      `SELECT encrypted FROM configuration_contents WHERE configuration_id = ${this.placeholder(1)}`,
      [configurationId],
    );
    const encrypted = rows[0]?.encrypted;
    if (typeof encrypted !== 'string') return undefined;
    return decrypt(this.secretsKey, encrypted, contentAssociatedData(configurationId));
  }

  async importMarks(): Promise<string[]> {
    return (await this.run('SELECT name FROM imports', [])).rows.map((row) => String(row.name));
  }

  async markImported(name: string, at: Date = new Date()): Promise<void> {
    await this.run(`INSERT INTO imports (name, imported_at) VALUES (${this.placeholder(1)}, ${this.placeholder(2)})`, [
      name,
      at.toISOString(),
    ]);
  }
}
