/** Test helpers on real directories. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileChange } from '@nx/devkit';
import { flushChanges } from 'nx/src/generators/tree';
import { resetWorkspaceContext } from 'nx/src/utils/workspace-context';

export function readTree(dir: string): Map<string, { content: string; mode: number }> {
  const files = new Map<string, { content: string; mode: number }>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        files.set(relative(dir, path).split('\\').join('/'), {
          content: readFileSync(path, 'utf-8'),
          mode: statSync(path).mode & 0o777,
        });
    }
  };
  walk(dir);
  return files;
}

/**
 * Flushes a tree as `nx g` does at its end. Nx's file index lives for one process; a test that goes
 * on generating in the same process starts a fresh one, as the next `nx g` would.
 */
export function flushToDisk(root: string, tree: { listChanges(): FileChange[] }): void {
  flushChanges(root, tree.listChanges());
  resetWorkspaceContext();
}
