/**
 * The four-file merge of a TOML family (dlt toml.py folds the files with `update_dict_nested`,
 * earlier file winning): tables merge key by key, arrays and scalars are taken wholesale from the
 * first file that has them, and when one file has a scalar and another a table, the earlier
 * file's value wins. Subtrees found in only one file are shared, not copied; only tables that
 * several files define are rebuilt. Every key of a rebuilt table remembers its file.
 */
import type { TomlTable } from './toml-read';

export interface MergedDocument {
  root: TomlTable;
  /**
   * Index (in the input order) of the file that supplied `table[key]`. `inherited` is the file
   * of `table` itself, for tables taken whole from one file (pass what the parent lookup returned).
   */
  originOf(table: TomlTable, key: string, inherited?: number): number | undefined;
}

export function isTomlTable(value: unknown): value is TomlTable {
  // smol-toml yields null-prototype objects for tables; arrays and TomlDate instances are values.
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

export function mergeDocuments(documents: readonly TomlTable[]): MergedDocument {
  /** Tables built by the merge, with the file of each key; any other table came whole from one file. */
  const rebuilt = new WeakMap<TomlTable, Map<string, number>>();
  const root = Object.create(null) as TomlTable;
  rebuilt.set(root, new Map());

  const fill = (target: TomlTable, source: TomlTable, fileIndex: number): void => {
    const targetOrigins = rebuilt.get(target)!;
    for (const key of Object.keys(source)) {
      const incoming = source[key];
      if (!Object.prototype.hasOwnProperty.call(target, key)) {
        target[key] = incoming;
        targetOrigins.set(key, fileIndex);
        continue;
      }
      const current = target[key];
      if (!isTomlTable(current) || !isTomlTable(incoming)) continue;
      let existing: TomlTable = current;
      if (!rebuilt.has(existing)) {
        // Copy on write: a table shared from an earlier file becomes a merged table.
        const ownerFile = targetOrigins.get(key)!;
        // Null prototype, like smol-toml's tables: a `__proto__` key stays an ordinary key.
        const copy: TomlTable = Object.assign(Object.create(null) as TomlTable, existing);
        rebuilt.set(copy, new Map(Object.keys(existing).map((name) => [name, ownerFile])));
        target[key] = copy;
        existing = copy;
      }
      fill(existing, incoming, fileIndex);
    }
  };

  documents.forEach((document, index) => fill(root, document, index));
  return {
    root,
    originOf: (table, key, inherited) => {
      const origins = rebuilt.get(table);
      return origins ? origins.get(key) : inherited;
    },
  };
}

/** The same merge of a few tables, values only: what a lookup returns for a table defined in several files. */
export function mergeTables(tables: readonly TomlTable[]): TomlTable {
  return mergeDocuments(tables).root;
}
