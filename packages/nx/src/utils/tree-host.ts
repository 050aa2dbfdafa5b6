/**
 * `FileHost` over an Nx `Tree`: the scaffolding code of @dlthub/scaffold writes into the tree, so
 * Nx shows the changes, honours `--dry-run` and commits everything at once at the end.
 */
import type { Tree } from '@nx/devkit';
import type { FileHost } from '@dlthub/scaffold';

export function treeHost(tree: Tree): FileHost {
  return {
    root: tree.root,
    exists: (path) => tree.exists(path),
    isFile: (path) => tree.isFile(path),
    read: (path) => (tree.isFile(path) ? tree.read(path, 'utf-8') : null),
    write: (path, content, options) =>
      tree.write(path, content, options?.mode === undefined ? undefined : { mode: options.mode }),
    delete: (path) => tree.delete(path),
  };
}
