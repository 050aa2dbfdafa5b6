/**
 * The four-file merge of a TOML family (dlt: `update_dict_nested`, earlier file wins):
 * tables merge key by key, arrays and scalars are taken wholesale from the first file that
 * has them, and when one file has a scalar and another a table, the earlier file's value wins.
 * Every key of every merged table remembers which file supplied it.
 */
import type { TomlTable } from './toml-read';

export interface MergedDocument {
  root: TomlTable;
  /** Index (in the input order) of the file that supplied `table[key]`. */
  originOf(table: TomlTable, key: string): number | undefined;
}

export function isTomlTable(value: unknown): value is TomlTable {
  // smol-toml yields null-prototype objects for tables; arrays and TomlDate instances are values.
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

export function mergeDocuments(documents: readonly TomlTable[]): MergedDocument {
  const origins = new WeakMap<TomlTable, Map<string, number>>();
  const root: TomlTable = {};
  origins.set(root, new Map());

  const fill = (target: TomlTable, source: TomlTable, fileIndex: number): void => {
    const targetOrigins = origins.get(target)!;
    for (const key of Object.keys(source)) {
      const incoming = source[key];
      if (!Object.prototype.hasOwnProperty.call(target, key)) {
        if (isTomlTable(incoming)) {
          const table: TomlTable = {};
          origins.set(table, new Map());
          target[key] = table;
          fill(table, incoming, fileIndex);
        } else {
          target[key] = incoming;
        }
        targetOrigins.set(key, fileIndex);
      } else {
        const existing = target[key];
        if (isTomlTable(existing) && isTomlTable(incoming)) fill(existing, incoming, fileIndex);
      }
    }
  };

  documents.forEach((document, index) => fill(root, document, index));
  return { root, originOf: (table, key) => origins.get(table)?.get(key) };
}
