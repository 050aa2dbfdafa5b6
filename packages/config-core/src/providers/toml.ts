/**
 * A TOML family provider (`secrets.toml` or `config.toml`): the active profile's files merged into one
 * document, earlier file winning (dlt §2.4, `toml-merge.ts`), with the file and line of every value.
 */
import { parse } from 'smol-toml';
import { buildKeyLineIndex, type KeyLineIndex } from '../provenance';
import { isTomlTable, mergeDocuments, type MergedDocument } from '../toml-merge';
import { familyProviderName, readTomlFile, type ParsedTomlFile, type TomlTable } from '../toml-read';
import type { TomlFamily, TomlFileInfo } from '../types';
import type { ConfigProvider, ProviderHit } from './provider';

export interface TomlFamilyProvider extends ConfigProvider {
  readonly family: TomlFamily;
  /** Files that exist, in precedence order. */
  readonly parsedFiles: readonly ParsedTomlFile[];
  /** The merged document. */
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

class TomlFamilySource implements TomlFamilyProvider {
  readonly name: 'config.toml' | 'secrets.toml';
  readonly supportsSecrets: boolean;
  readonly isEmpty: boolean;
  readonly merged: MergedDocument;
  /** Built on first use: most values are never asked for their line or literal. */
  private readonly lineIndexes: (KeyLineIndex | undefined)[] = [];
  private readonly literalDocuments: (TomlTable | undefined)[] = [];

  constructor(
    readonly family: TomlFamily,
    readonly parsedFiles: readonly ParsedTomlFile[],
  ) {
    this.name = familyProviderName(family);
    this.supportsSecrets = family === 'secrets';
    this.isEmpty = parsedFiles.length === 0;
    this.merged = mergeDocuments(parsedFiles.map((file) => file.document));
  }

  private lineIndex(fileIndex: number): KeyLineIndex {
    return (this.lineIndexes[fileIndex] ??= buildKeyLineIndex(this.parsedFiles[fileIndex].text));
  }

  originOf(table: TomlTable, key: string, path: readonly string[], inherited?: number) {
    const fileIndex = this.merged.originOf(table, key, inherited);
    if (fileIndex === undefined) return null;
    return {
      file: this.parsedFiles[fileIndex].info.displayPath,
      line: this.lineIndex(fileIndex).lineOf(path),
      fileIndex,
    };
  }

  addTableKeys(sections: readonly string[], into: Set<string>): void {
    const table = this.tableAt(sections);
    if (!table) return;
    for (const key of Object.keys(table)) if (isTomlTable(table[key])) into.add(key);
  }

  fileOf(fileIndex: number): string | null {
    return this.parsedFiles[fileIndex]?.info.displayPath ?? null;
  }

  lineOf(fileIndex: number, path: readonly string[]): number | null {
    return this.parsedFiles[fileIndex] ? this.lineIndex(fileIndex).lineOf(path) : null;
  }

  literalOf(fileIndex: number, path: readonly string[]): unknown {
    const file = this.parsedFiles[fileIndex];
    if (!file) return undefined;
    let value: unknown = (this.literalDocuments[fileIndex] ??= parse(file.text, { integersAsBigInt: true }));
    for (const part of path) {
      if (!isTomlTable(value)) return undefined;
      value = value[part];
    }
    return value;
  }

  get(path: readonly string[]): ProviderHit | undefined {
    if (path.length === 0) return undefined;
    let table: TomlTable = this.merged.root;
    for (let index = 0; index < path.length - 1; index++) {
      const next = table[path[index]];
      if (!isTomlTable(next)) return undefined;
      table = next;
    }
    const value = table[path[path.length - 1]];
    // Most lookups miss: the file of a value is traced only once there is one.
    return value === undefined ? undefined : { value, fileIndex: this.fileIndexOf(path) };
  }

  /** The file that supplied the value at `path` (which exists), following origins down the tables. */
  private fileIndexOf(path: readonly string[]): number {
    let table: TomlTable = this.merged.root;
    let inherited: number | undefined;
    for (const key of path) {
      inherited = this.merged.originOf(table, key, inherited);
      const next = table[key];
      if (!isTomlTable(next)) break;
      table = next;
    }
    return inherited ?? -1;
  }

  private tableAt(sections: readonly string[]): TomlTable | null {
    let table: unknown = this.merged.root;
    for (const part of sections) {
      if (!isTomlTable(table)) return null;
      table = table[part];
    }
    return isTomlTable(table) ? table : null;
  }
}
