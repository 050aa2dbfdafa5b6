/** Directory listings with content and mode, to compare what two tools wrote. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FileEntry {
  content: string;
  /** Permission bits, e.g. 0o600 for secrets files. */
  mode: number;
}

/** Every file under `dir` (relative '/' paths), skipping the given directory names. */
export function readTree(dir: string, skip: readonly string[] = ['node_modules', '.nx']): Map<string, FileEntry> {
  const files = new Map<string, FileEntry>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) walk(path);
      } else if (entry.isFile()) {
        files.set(relative(dir, path).split('\\').join('/'), {
          content: readFileSync(path, 'utf-8'),
          mode: statSync(path).mode & 0o777,
        });
      }
    }
  };
  walk(dir);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
