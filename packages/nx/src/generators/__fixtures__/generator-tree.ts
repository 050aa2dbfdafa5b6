/** Generator specs' shared setup: a virtual tree with a dltHub workspace, its TOML read back, run-then-check steps. */
import type { Tree } from '@nx/devkit';
import { parseToml } from '@dlthub/config-core/toml';
import {
  createEmptyTree,
  createTsSolutionTree,
  diffSnapshots,
  expectFailureWritesNothing,
  snapshotTree,
} from '../../testing/tree-snapshot';
import { workspaceGenerator } from '../workspace/generator';
import type { WorkspaceGeneratorSchema } from '../workspace/schema';

/** Generated TOML read back the way every package reads it. */
export function parseGeneratedToml(text: string): Record<string, any> {
  return parseToml(text, 'generated.toml') as Record<string, any>;
}

/** The TOML file at `path` in the tree, parsed; a missing file fails the test. */
export function readToml(tree: Tree, path: string): Record<string, any> {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} missing`);
  return parseGeneratedToml(text);
}

/** `base` (the empty Nx workspace unless given) with a dltHub workspace scaffolded by the workspace generator. */
export async function createWorkspaceTree(
  options: WorkspaceGeneratorSchema,
  base: Tree = createEmptyTree(),
): Promise<Tree> {
  await workspaceGenerator(base, options);
  return base;
}

/** The paths `run` created, changed or deleted in the tree, sorted. */
export async function pathsChangedBy(tree: Tree, run: () => Promise<unknown>): Promise<string[]> {
  const before = snapshotTree(tree);
  await run();
  return diffSnapshots(before, snapshotTree(tree));
}

/** Runs the generator with each options object in turn: each must fail with its message and write nothing. */
export async function expectEachFailureWritesNothing<Options>(
  tree: Tree,
  generator: (tree: Tree, options: Options) => Promise<unknown>,
  failures: ReadonlyArray<readonly [Options, RegExp]>,
): Promise<void> {
  for (const [options, message] of failures) {
    await expectFailureWritesNothing(tree, () => generator(tree, options), message);
  }
}

/**
 * Runs `generate` on a TS-solution repository (given the dltHub workspace `workspace` first, when set) and
 * then on `tree`; each of `paths` must read the same in both. Returns the TS-solution tree.
 */
export async function expectSameOnTsSolution(
  tree: Tree,
  generate: (tree: Tree) => Promise<unknown>,
  { paths, workspace }: { paths: readonly string[]; workspace?: WorkspaceGeneratorSchema },
): Promise<Tree> {
  const tsTree = workspace ? await createWorkspaceTree(workspace, createTsSolutionTree()) : createTsSolutionTree();
  await generate(tsTree);
  await generate(tree);
  for (const path of paths) expect(tsTree.read(path, 'utf-8')).toBe(tree.read(path, 'utf-8'));
  return tsTree;
}
