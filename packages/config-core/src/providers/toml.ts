/**
 * A TOML family provider (`secrets.toml` or `config.toml`): the active profile's files merged
 * into one document, earlier file winning (dlt §2.4), with the file and line of every value.
 */
import { buildKeyLineIndex, type KeyLineIndex } from '../provenance';
import { isTomlTable, mergeDocuments, type MergedDocument } from '../toml-merge';
import { familyProviderName, readTomlFile, type ParsedTomlFile, type TomlTable } from '../toml-read';
import type { TomlFamily, TomlFileInfo } from '../types';
import type { ConfigProvider, ProviderHit, SectionView } from './provider';

export interface TomlFamilyProvider extends ConfigProvider {
  readonly family: TomlFamily;
  /** Files that exist, in precedence order. */
  readonly parsedFiles: readonly ParsedTomlFile[];
  readonly merged: MergedDocument;
  /** File (display path) and line that supplied `table[key]`; `inherited` as in `MergedDocument.originOf`. */
  originOf(table: TomlTable, key: string, path: readonly string[], inherited?: number): { file: string; line: number | null; fileIndex: number } | null;
}

/** Reads every file of the family (all of them, so any bad file fails, as in dlt) and merges them. */
export function createTomlFamilyProvider(family: TomlFamily, files: readonly TomlFileInfo[]): TomlFamilyProvider {
  const parsedFiles: ParsedTomlFile[] = [];
  for (const info of files) {
    const parsed = readTomlFile(info);
    info.exists = parsed !== null;
    if (parsed) parsedFiles.push(parsed);
  }
  const merged = mergeDocuments(parsedFiles.map((file) => file.document));
  // Line indexes are built on first use: most lookups of a run hit few files.
  const lineIndexes: (KeyLineIndex | undefined)[] = [];
  const lineIndex = (fileIndex: number): KeyLineIndex =>
    (lineIndexes[fileIndex] ??= buildKeyLineIndex(parsedFiles[fileIndex]!.text));

  const originOf = (table: TomlTable, key: string, path: readonly string[], inherited?: number) => {
    const fileIndex = merged.originOf(table, key, inherited);
    if (fileIndex === undefined) return null;
    return { file: parsedFiles[fileIndex]!.info.displayPath, line: lineIndex(fileIndex).lineOf(path), fileIndex };
  };

  return {
    name: familyProviderName(family),
    family,
    supportsSecrets: family === 'secrets',
    isEmpty: parsedFiles.length === 0,
    parsedFiles,
    merged,
    originOf,
    nativeKey: (path) => path.join('.'),
    get(path: readonly string[]): ProviderHit | undefined {
      if (path.length === 0) return undefined;
      return section(path.slice(0, -1))?.get(path[path.length - 1]!);
    },
    section,
  };

  function section(sections: readonly string[]): SectionView | null {
    let table: TomlTable = merged.root;
    let inherited: number | undefined;
    for (const key of sections) {
      const next = table[key];
      if (!isTomlTable(next) || !Object.prototype.hasOwnProperty.call(table, key)) return null;
      inherited = merged.originOf(table, key, inherited);
      table = next;
    }
    const sectionTable = table;
    const sectionFile = inherited;
    return {
      get(key: string): ProviderHit | undefined {
        if (!Object.prototype.hasOwnProperty.call(sectionTable, key)) return undefined;
        const origin = originOf(sectionTable, key, [...sections, key], sectionFile);
        return { value: sectionTable[key], file: origin?.file ?? null, line: origin?.line ?? null };
      },
    };
  }
}
