/** The merged TOML view of the active files with per-leaf provenance (for `config show --show-origin`). */
import type { TomlFamilyProvider } from './providers/toml';
import { isTomlTable } from './toml-merge';
import type { TomlTable } from './toml-read';
import type { MergedNode, TomlFamily } from './types';

function familyNode(
  provider: TomlFamilyProvider,
  table: TomlTable,
  path: string[],
  inherited?: number,
): Record<string, MergedNode> {
  const entries: Record<string, MergedNode> = {};
  for (const key of Object.keys(table)) {
    const value = table[key];
    const childPath = [...path, key];
    if (isTomlTable(value)) {
      entries[key] = {
        kind: 'table',
        entries: familyNode(provider, value, childPath, provider.merged.originOf(table, key, inherited)),
      };
    } else {
      const origin = provider.originOf(table, key, childPath, inherited);
      entries[key] = {
        kind: 'value',
        value,
        file: origin?.file ?? '',
        line: origin?.line ?? null,
        family: provider.family,
        secret: provider.family === 'secrets',
      };
    }
  }
  return entries;
}

/** Earlier node wins, tables merge: the same rule as the file merge, applied across families. */
function overlay(first: Record<string, MergedNode>, second: Record<string, MergedNode>): Record<string, MergedNode> {
  const result: Record<string, MergedNode> = { ...first };
  for (const [key, node] of Object.entries(second)) {
    const existing = result[key];
    if (existing === undefined) result[key] = node;
    else if (existing.kind === 'table' && node.kind === 'table') {
      result[key] = { kind: 'table', entries: overlay(existing.entries, node.entries) };
    }
  }
  return result;
}

/** One family's merged view, or both with secrets first (the provider order). */
export function buildMergedView(families: Record<TomlFamily, TomlFamilyProvider>, family?: TomlFamily): MergedNode {
  const view = (which: TomlFamily) => familyNode(families[which], families[which].merged.root, []);
  if (family) return { kind: 'table', entries: view(family) };
  return { kind: 'table', entries: overlay(view('secrets'), view('config')) };
}
