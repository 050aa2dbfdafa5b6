/** Test helpers over a virtual Nx tree (excluded from the build). */
import { updateJson, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

export type TreeSnapshot = Map<string, string>;

/** Every file of the tree with its text content. */
export function snapshotTree(tree: Tree, dir = ''): TreeSnapshot {
  const snapshot: TreeSnapshot = new Map();
  for (const child of tree.children(dir)) {
    const path = dir ? `${dir}/${child}` : child;
    if (tree.isFile(path)) snapshot.set(path, tree.read(path, 'utf-8') ?? '');
    else for (const [nested, content] of snapshotTree(tree, path)) snapshot.set(nested, content);
  }
  return snapshot;
}

/** Paths created, changed or deleted between two snapshots, sorted. */
export function diffSnapshots(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** The empty workspace of `@nx/devkit/testing` (no formatter: Nx 23 defaults to one that is not installed). */
export function createEmptyTree(): Tree {
  return createTreeWithEmptyWorkspace({ formatter: 'none' });
}

/**
 * A TS-solution workspace as `create-nx-workspace --preset=ts` makes it: package-manager workspaces,
 * composite base config, root tsconfig.json with references and the source custom condition.
 */
export function createTsSolutionTree(): Tree {
  const tree = createEmptyTree();
  updateJson<Record<string, unknown>>(tree, 'package.json', (json) => ({
    ...json,
    name: '@acme/source',
    workspaces: ['packages/*', 'apps/*'],
  }));
  writeJson(tree, 'tsconfig.base.json', {
    compilerOptions: {
      composite: true,
      declarationMap: true,
      emitDeclarationOnly: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      customConditions: ['@acme/source'],
    },
  });
  writeJson(tree, 'tsconfig.json', { extends: './tsconfig.base.json', files: [], references: [] });
  return tree;
}

/** Runs a generator expected to fail and checks it left the tree exactly as it was. */
export async function expectFailureWritesNothing(
  tree: Tree,
  run: () => Promise<unknown>,
  message: RegExp,
): Promise<void> {
  const before = snapshotTree(tree);
  await expect(run()).rejects.toThrow(message);
  expect(diffSnapshots(before, snapshotTree(tree))).toEqual([]);
}
