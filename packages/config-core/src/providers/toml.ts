/**
 * A TOML family provider (`secrets.toml` or `config.toml`): the active profile's files merged
 * into one document, earlier file winning (dlt §2.4), with the file and line of every value.
 *
 * Lookups do not need the merged document: a section is the list of tables that the files define
 * at that path (earlier file first), and a key's value is taken from the first of them that has it.
 * That is the merge rule read lazily: a scalar in an earlier file shadows later tables, tables
 * merge. Values that are tables and the full merged document are built only when asked for.
 */
import { DlthubError } from '../errors';
import { buildKeyLineIndex, type KeyLineIndex } from '../provenance';
import { isTomlTable, mergeDocuments, mergeTables, type MergedDocument } from '../toml-merge';
import { familyProviderName, readTomlFile, type ParsedTomlFile, type TomlTable } from '../toml-read';
import type { TomlFamily, TomlFileInfo } from '../types';
import type { ConfigProvider, ProviderHit, SectionView } from './provider';

export interface TomlFamilyProvider extends ConfigProvider {
  readonly family: TomlFamily;
  /** Files that exist, in precedence order. */
  readonly parsedFiles: readonly ParsedTomlFile[];
  /** The merged document (built on first use). */
  readonly merged: MergedDocument;
  /** File (display path) and line that supplied `table[key]`; `inherited` as in `MergedDocument.originOf`. */
  originOf(
    table: TomlTable,
    key: string,
    path: readonly string[],
    inherited?: number,
  ): { file: string; line: number | null; fileIndex: number } | null;
  /** Adds the keys of the section at `sections` whose merged value is a table (e.g. destination names). */
  addTableKeys(sections: readonly string[], into: Set<string>): void;
}

/** File indexes of a section's tables packed 7 bits each (a family has at most 4 files). */
const FILE_BITS = 7;
const FILE_MASK = (1 << FILE_BITS) - 1;

/** Scratch list of a child's tables while they are collected (a family has at most 4 files): sized once. */
const CHILD_TABLES: (TomlTable | undefined)[] = [undefined, undefined, undefined, undefined];

/**
 * The tables the files define at one path, earlier file first, with their file indexes.
 * smol-toml builds tables with a null prototype, so `table[key]` reads own keys only.
 */
class TomlSection implements SectionView {
  hitFile = -1;
  /** Child sections by key (null = nothing there, or a scalar shadows the tables); the first one inline. */
  private firstChildKey: string | undefined = undefined;
  private firstChild: TomlSection | null = null;
  private children: Map<string, TomlSection | null> | undefined = undefined;

  constructor(
    readonly tables: readonly TomlTable[],
    /** File index of `tables[i]` at bits `i * FILE_BITS` (see `fileAt`). */
    private readonly packedFiles: number,
  ) {}

  fileAt(index: number): number {
    return (this.packedFiles >>> (index * FILE_BITS)) & FILE_MASK;
  }

  get(key: string): unknown {
    const tables = this.tables;
    for (let index = 0; index < tables.length; index++) {
      const value = tables[index]![key];
      if (value === undefined) continue;
      this.hitFile = this.fileAt(index);
      // A table defined by several files is merged; one defined once is shared as it is.
      if (index + 1 < tables.length && isTomlTable(value)) {
        const child = this.child(key);
        if (child && child.tables.length > 1) return mergeTables(child.tables);
      }
      return value;
    }
    return undefined;
  }

  /** Like `get`, but a table is returned as the first file defines it (not merged): for callers that only ask whether it is one. */
  peek(key: string): unknown {
    const tables = this.tables;
    for (let index = 0; index < tables.length; index++) {
      const value = tables[index]![key];
      if (value === undefined) continue;
      this.hitFile = this.fileAt(index);
      return value;
    }
    return undefined;
  }

  child(key: string, remember = true): TomlSection | null {
    if (key === this.firstChildKey) return this.firstChild;
    let cached = this.children?.get(key);
    if (cached !== undefined) return cached;
    cached = null;
    const parents = this.tables;
    const found = CHILD_TABLES;
    let count = 0;
    let packedFiles = 0;
    for (let index = 0; index < parents.length; index++) {
      const value = parents[index]![key];
      if (value === undefined) continue;
      if (!isTomlTable(value)) {
        // The first file that has the key decides: a scalar there shadows any later table.
        if (count === 0) break;
        continue;
      }
      found[count] = value;
      packedFiles |= this.fileAt(index) << (count * FILE_BITS);
      count++;
    }
    if (count > 0) {
      cached = new TomlSection(found.slice(0, count) as TomlTable[], packedFiles);
      // Cleared so the scratch list keeps no document alive (a loop: cheaper than `fill` for a few slots).
      for (let index = 0; index < count; index++) found[index] = undefined;
    }
    if (!remember) return cached;
    if (this.firstChildKey === undefined) {
      this.firstChildKey = key;
      this.firstChild = cached;
    } else {
      (this.children ??= new Map()).set(key, cached);
    }
    return cached;
  }

  /** Adds the keys whose merged value is a table: the first file that has the key holds a table there. */
  addTableKeys(into: Set<string>): void {
    const tables = this.tables;
    for (let index = 0; index < tables.length; index++) {
      const table = tables[index]!;
      // Object.keys, not for-in: TOML tables are dictionaries, whose keys for-in collects more slowly.
      const keys = Object.keys(table);
      for (let keyIndex = 0; keyIndex < keys.length; keyIndex++) {
        const key = keys[keyIndex]!;
        if (into.has(key) || !isTomlTable(table[key])) continue;
        let shadowed = false;
        for (let earlier = 0; earlier < index; earlier++) {
          if (tables[earlier]![key] !== undefined) {
            shadowed = true;
            break;
          }
        }
        if (!shadowed) into.add(key);
      }
    }
  }
}

/** Reads every file of the family (all of them, so any bad file fails, as in dlt). */
export function createTomlFamilyProvider(family: TomlFamily, files: readonly TomlFileInfo[]): TomlFamilyProvider {
  const parsedFiles: ParsedTomlFile[] = [];
  for (const info of files) {
    const parsed = readTomlFile(info);
    info.exists = parsed !== null;
    if (parsed) parsedFiles.push(parsed);
  }
  return new TomlFamilySource(family, parsedFiles);
}

/**
 * A class rather than an object literal: a getter in a literal gives every instance its own hidden
 * class, which the garbage collector keeps in old space together with everything it points to.
 */
class TomlFamilySource implements TomlFamilyProvider {
  readonly name: 'config.toml' | 'secrets.toml';
  readonly supportsSecrets: boolean;
  readonly isEmpty: boolean;
  private readonly root: TomlSection;
  /** Line indexes are built on first use: most values are never asked for their line. */
  private readonly lineIndexes: (KeyLineIndex | undefined)[] = [];
  private mergedCache: MergedDocument | undefined = undefined;

  constructor(
    readonly family: TomlFamily,
    readonly parsedFiles: readonly ParsedTomlFile[],
  ) {
    this.name = familyProviderName(family);
    this.supportsSecrets = family === 'secrets';
    this.isEmpty = parsedFiles.length === 0;
    if (parsedFiles.length > 4) {
      // familyFiles gives at most four (project/global × profile/base); the packed file indexes rely on it.
      throw new DlthubError(
        'Internal',
        `A TOML family was given ${parsedFiles.length} files; at most four are supported.`,
      );
    }
    this.root = new TomlSection(
      parsedFiles.map((file) => file.document),
      parsedFiles.reduce((packed, _, index) => packed | (index << (index * FILE_BITS)), 0),
    );
  }

  get merged(): MergedDocument {
    return (this.mergedCache ??= mergeDocuments(this.parsedFiles.map((file) => file.document)));
  }

  private lineIndex(fileIndex: number): KeyLineIndex {
    return (this.lineIndexes[fileIndex] ??= buildKeyLineIndex(this.parsedFiles[fileIndex]!.text));
  }

  originOf(table: TomlTable, key: string, path: readonly string[], inherited?: number) {
    const fileIndex = this.merged.originOf(table, key, inherited);
    if (fileIndex === undefined) return null;
    return {
      file: this.parsedFiles[fileIndex]!.info.displayPath,
      line: this.lineIndex(fileIndex).lineOf(path),
      fileIndex,
    };
  }

  addTableKeys(sections: readonly string[], into: Set<string>): void {
    this.section(sections)?.addTableKeys(into);
  }

  nativeKey(path: readonly string[]): string {
    return path.join('.');
  }

  fileOf(fileIndex: number): string | null {
    return this.parsedFiles[fileIndex]?.info.displayPath ?? null;
  }

  lineOf(fileIndex: number, path: readonly string[]): number | null {
    return this.parsedFiles[fileIndex] ? this.lineIndex(fileIndex).lineOf(path) : null;
  }

  get(path: readonly string[]): ProviderHit | undefined {
    if (path.length === 0) return undefined;
    const view = this.section(path.slice(0, -1));
    if (view === null) return undefined;
    const value = view.get(path[path.length - 1]!);
    return value === undefined ? undefined : { value, fileIndex: view.hitFile };
  }

  section(sections: readonly string[]): TomlSection | null {
    let current: TomlSection | null = this.root;
    for (let index = 0; index < sections.length && current !== null; index++) current = current.child(sections[index]!);
    return current;
  }
}
