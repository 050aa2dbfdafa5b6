/**
 * Where a key is defined in a TOML text: a map from key path to 1-based line, built from the
 * structural scan. Keys inside inline tables or arrays of tables report the line of the nearest
 * ancestor that has one.
 */
import { scanToml } from './toml-scan';

const SEPARATOR = '\u0000';

export interface KeyLineIndex {
  lineOf(path: readonly string[]): number | null;
}

export function buildKeyLineIndex(text: string): KeyLineIndex {
  const lines = new Map<string, number>();
  const remember = (path: readonly string[], line: number) => {
    // Implicit parents of a dotted key or header point at their first mention.
    for (let length = 1; length <= path.length; length++) {
      const key = path.slice(0, length).join(SEPARATOR);
      if (!lines.has(key)) lines.set(key, line);
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
      for (let length = path.length; length > 0; length--) {
        const line = lines.get(path.slice(0, length).join(SEPARATOR));
        if (line !== undefined) return line;
      }
      return null;
    },
  };
}
