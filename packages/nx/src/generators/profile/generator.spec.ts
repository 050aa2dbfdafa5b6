import type { Tree } from '@nx/devkit';
import {
  createEmptyTree,
  createTsSolutionTree,
  diffSnapshots,
  expectFailureWritesNothing,
  snapshotTree,
} from '../../testing/tree-snapshot';
import { workspaceGenerator } from '../workspace/generator';
import { profileGenerator } from './generator';

describe('profile generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createEmptyTree();
    await workspaceGenerator(tree, { name: 'analytics', directory: 'data/analytics', profiles: 'dev' });
  });

  it('creates .dlt/<profile>.config.toml with a header, found by project name or directory', async () => {
    const before = snapshotTree(tree);
    await profileGenerator(tree, { name: 'tests', workspace: 'analytics' });
    await profileGenerator(tree, { name: 'staging', workspace: 'data/analytics' });
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual([
      'data/analytics/.dlt/staging.config.toml',
      'data/analytics/.dlt/tests.config.toml',
    ]);
    expect(tree.read('data/analytics/.dlt/tests.config.toml', 'utf-8')).toMatch(
      /^# Configuration of the "tests" profile.*\n.*Local only/,
    );
    expect(tree.read('data/analytics/.dlt/staging.config.toml', 'utf-8')).toMatch(/Synced/);
  });

  it('keeps an existing, hand-edited profile file', async () => {
    const edited = '# mine\n[destination.warehouse]\ndestination_type = "duckdb"  # edited\n';
    tree.write('data/analytics/.dlt/dev.config.toml', edited);
    const before = snapshotTree(tree);
    await profileGenerator(tree, { name: 'dev', workspace: 'analytics' });
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual([]);
  });

  it('works on a TS-solution workspace', async () => {
    const tsTree = createTsSolutionTree();
    await workspaceGenerator(tsTree, { name: 'analytics', directory: 'data/analytics', profiles: 'dev' });
    await profileGenerator(tsTree, { name: 'prod', workspace: 'analytics' });
    await profileGenerator(tree, { name: 'prod', workspace: 'analytics' });
    expect(tsTree.read('data/analytics/.dlt/prod.config.toml', 'utf-8')).toBe(
      tree.read('data/analytics/.dlt/prod.config.toml', 'utf-8'),
    );
  });

  it('rejects a bad profile name and a missing or unknown workspace, writing nothing', async () => {
    await expectFailureWritesNothing(
      tree,
      () => profileGenerator(tree, { name: '../etc', workspace: 'analytics' }),
      /Invalid profile name/,
    );
    await expectFailureWritesNothing(
      tree,
      () => profileGenerator(tree, { name: 'prod', workspace: 'nope' }),
      /No dltHub workspace project "nope"[\s\S]*analytics \(data\/analytics\)/,
    );
    await expectFailureWritesNothing(
      tree,
      () => profileGenerator(tree, { name: 'prod', workspace: '' }),
      /Missing --workspace/,
    );
    tree.write('libs/app/index.ts', 'export {};\n');
    await expectFailureWritesNothing(
      tree,
      () => profileGenerator(tree, { name: 'prod', workspace: 'libs/app' }),
      /"libs\/app" exists and is not a dltHub workspace/,
    );
  });
});
