import Database from 'better-sqlite3';
import { migrateSchema } from './migrate';
import { SqlTx, type RunSql } from './sql-tx';

/** A migrated in-memory SQLite database behind `SqlTx`, with every statement text it was given. */
async function recordingTx(): Promise<{ tx: SqlTx; texts: Set<string> }> {
  const db = new Database(':memory:');
  const texts = new Set<string>();
  const run: RunSql = (sql, params) => {
    texts.add(sql);
    const statement = db.prepare(sql);
    if (statement.reader)
      return Promise.resolve({ rows: statement.all(...params) as Record<string, unknown>[], changes: 0 });
    return Promise.resolve({ rows: [], changes: statement.run(...params).changes });
  };
  await migrateSchema('sqlite', run);
  texts.clear();
  return { tx: new SqlTx('sqlite', run, Buffer.alloc(32, 1)), texts };
}

const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe('SqlTx.list', () => {
  it('pages by offset and limit, and by keyset (`after`) in either direction', async () => {
    const { tx } = await recordingTx();
    for (const name of ['e', 'a', 'd', 'b', 'c'])
      await tx.insert('organizations', { id: `org-${name}`, name, created_at: '2026-12-07T00:00:00.000Z' });
    expect(names(await tx.list('organizations', {}, { by: 'name', limit: 2, offset: 1 }))).toEqual(['b', 'c']);
    expect(names(await tx.list('organizations', {}, { by: 'name', offset: 3 }))).toEqual(['d', 'e']);
    expect(names(await tx.list('organizations', {}, { by: 'name', after: 'b', limit: 2 }))).toEqual(['c', 'd']);
    expect(names(await tx.list('organizations', {}, { by: 'name', descending: true, after: 'c' }))).toEqual(['b', 'a']);
    expect(names(await tx.list('organizations', { id: 'org-e' }, { by: 'name', after: 'a' }))).toEqual(['e']);
    expect(names(await tx.list('organizations', {}, { by: 'name', after: 'e' }))).toEqual([]);
    // Without a field: the order the records were made in.
    expect(names(await tx.list('organizations', {}, { descending: true, limit: 2, offset: 1 }))).toEqual(['b', 'd']);
    await expect(tx.list('organizations', {}, { after: 'c' })).rejects.toThrow('needs the field it orders by');
  });

  it('keeps values out of the statement text, so that clients paging with any numbers share one statement', async () => {
    const { tx, texts } = await recordingTx();
    // The SQLite store prepares and keeps one statement per text: values in the text would grow it without end.
    for (let page = 0; page < 50; page++) {
      await tx.list('organizations', {}, { by: 'name', limit: 10 + page, offset: page * 7 });
      await tx.list('organizations', {}, { by: 'name', after: `name-${page}`, limit: 1000 });
    }
    expect(texts.size).toBe(2);
  });
});
