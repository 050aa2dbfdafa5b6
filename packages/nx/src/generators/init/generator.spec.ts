import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createEmptyTree, createTsSolutionTree, diffSnapshots, snapshotTree } from '../../testing/tree-snapshot';
import { initGenerator } from './generator';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createEmptyTree();
  });

  it('adds @dlthub/nx to nx.json plugins, keeping the others', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['@nx/js/typescript'] });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toEqual(['@nx/js/typescript', '@dlthub/nx']);
  });

  it('is idempotent, also when the plugin is listed with options', async () => {
    await initGenerator(tree, {});
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toEqual(['@dlthub/nx']);

    const entry = { plugin: '@dlthub/nx', options: { syncTargetName: false } };
    updateNxJson(tree, { ...readNxJson(tree), plugins: [entry] });
    const before = tree.read('nx.json', 'utf-8');
    await initGenerator(tree, {});
    expect(tree.read('nx.json', 'utf-8')).toBe(before);
  });

  it('changes nothing but nx.json', async () => {
    const before = snapshotTree(tree);
    await initGenerator(tree, {});
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual(['nx.json']);
  });

  it('works the same on a TS-solution workspace', async () => {
    const tsTree = createTsSolutionTree();
    const before = snapshotTree(tsTree);
    await initGenerator(tsTree, {});
    expect(diffSnapshots(before, snapshotTree(tsTree))).toEqual(['nx.json']);
    expect(readNxJson(tsTree)?.plugins).toContain('@dlthub/nx');
  });
});
