import { readJson, readNxJson, updateJson, updateNxJson, type Tree } from '@nx/devkit';
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

  it('changes only nx.json and adds @dlthub/cli (which the targets run) to package.json, with an install task', async () => {
    const before = snapshotTree(tree);
    const install = await initGenerator(tree, {});
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual(['nx.json', 'package.json']);
    expect(readJson(tree, 'package.json').devDependencies['@dlthub/cli']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(typeof install).toBe('function');
  });

  it('keeps an @dlthub/cli that is already there (e.g. a tarball before registry publication)', async () => {
    updateJson(tree, 'package.json', (json) => ({ ...json, devDependencies: { '@dlthub/cli': 'file:../cli.tgz' } }));
    const before = snapshotTree(tree);
    await initGenerator(tree, {});
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual(['nx.json']);
    expect(readJson(tree, 'package.json').devDependencies['@dlthub/cli']).toBe('file:../cli.tgz');
  });

  it('in Nx wrapper mode (no package.json) lists @dlthub/cli under nx.json installation.plugins', async () => {
    tree.delete('package.json');
    updateNxJson(tree, {
      ...readNxJson(tree),
      installation: { version: '23.2.1', plugins: { '@dlthub/nx': '0.1.0' } },
    });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.installation?.plugins).toEqual({
      '@dlthub/nx': '0.1.0',
      '@dlthub/cli': expect.stringMatching(/^\^\d/),
    });
  });

  it('works the same on a TS-solution workspace', async () => {
    const tsTree = createTsSolutionTree();
    const before = snapshotTree(tsTree);
    await initGenerator(tsTree, {});
    expect(diffSnapshots(before, snapshotTree(tsTree))).toEqual(['nx.json', 'package.json']);
    expect(readNxJson(tsTree)?.plugins).toContain('@dlthub/nx');
  });
});
