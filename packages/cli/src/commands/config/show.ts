/** `dlthub config show [--show-origin] [--reveal]`: the merged TOML view of the active profile, secrets masked. */
import type { MergedNode } from '@dlthub/config-core';
import type { Context } from '../../context';
import { isSecretLeaf, maskValue, plainFieldsOf, tomlLiteral } from '../../secrets-mask';

interface Leaf {
  path: string[];
  value: unknown;
  file: string;
  line: number | null;
  secret: boolean;
}

function leaves(node: MergedNode, plain: () => Set<string>, path: string[] = []): Leaf[] {
  if (node.kind === 'value')
    return [
      { path, value: node.value, file: node.file, line: node.line, secret: isSecretLeaf(path, node.secret, plain) },
    ];
  return Object.entries(node.entries).flatMap(([key, child]) => leaves(child, plain, [...path, key]));
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1] ?? ''] = value;
}

const bareKey = (part: string) => (/^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part));

export function run(context: Context, _args: string[], options: Record<string, unknown>): void {
  const workspace = context.workspace();
  const reveal = Boolean(options.reveal);
  const showOrigin = Boolean(options.showOrigin);
  const all = leaves(workspace.mergedView(), plainFieldsOf(context.registry)).map((leaf) => ({
    ...leaf,
    value: leaf.secret && !reveal ? maskValue(leaf.value) : leaf.value,
  }));

  const json: Record<string, unknown> = {};
  for (const leaf of all) {
    setPath(
      json,
      leaf.path,
      showOrigin ? { value: leaf.value, file: leaf.file, line: leaf.line, secret: leaf.secret } : leaf.value,
    );
  }
  const { out } = context;
  out.result({ profile: workspace.profile, config: json }, () => {
    const lines: string[] = [];
    let currentTable: string | null = null;
    // Root keys first, then tables in the order they appear (TOML requires root keys before any header).
    const sorted = [...all.filter((leaf) => leaf.path.length === 1), ...all.filter((leaf) => leaf.path.length > 1)];
    for (const leaf of sorted) {
      const table = leaf.path.slice(0, -1).map(bareKey).join('.');
      if (table !== currentTable && table !== '') {
        if (lines.length > 0) lines.push('');
        lines.push(out.style('bold', `[${table}]`));
      }
      currentTable = table;
      const origin = showOrigin ? out.style('dim', `  # ${leaf.file}${leaf.line ? `:${leaf.line}` : ''}`) : '';
      lines.push(`${bareKey(leaf.path[leaf.path.length - 1] ?? '')} = ${tomlLiteral(leaf.value)}${origin}`);
    }
    return lines.length > 0 ? lines : [out.style('dim', '# no configuration values found')];
  });
}
