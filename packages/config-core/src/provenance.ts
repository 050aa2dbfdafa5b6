/**
 * Where a key is defined in a TOML text: key paths mapped to 1-based lines, built from the
 * structural scan. Keys inside inline tables or arrays of tables report the line of the nearest
 * ancestor that has one.
 */
import { scanToml } from './toml-scan';

export interface KeyLineIndex {
  lineOf(path: readonly string[]): number | null;
}

interface LineNode {
  line?: number;
  children?: Map<string, LineNode>;
}

export function buildKeyLineIndex(text: string): KeyLineIndex {
  const root: LineNode = {};
  const remember = (path: readonly string[], line: number) => {
    let node = root;
    for (const part of path) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = {}));
      node = child;
      // Implicit parents of a dotted key or header point at their first mention.
      node.line ??= line;
    }
  };
  let scanned;
  try {
    scanned = scanToml(text);
  } catch {
    return { lineOf: () => null };
  }
  for (const entry of scanned.entries) {
    if (entry.kind === 'keyValue') {
      if (!entry.inArrayTable) remember(entry.path, entry.startLine + 1);
    } else {
      remember(entry.path, entry.line + 1);
    }
  }
  return {
    lineOf(path) {
      let node: LineNode | undefined = root;
      let line: number | null = null;
      for (const part of path) {
        node = node.children?.get(part);
        if (!node) break;
        if (node.line !== undefined) line = node.line;
      }
      return line;
    },
  };
}
