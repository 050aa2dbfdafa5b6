import type { Tree } from '@nx/devkit';
import { expectFailureWritesNothing } from '../../testing/tree-snapshot';
import {
  createWorkspaceTree,
  expectEachFailureWritesNothing,
  expectSameOnTsSolution,
  pathsChangedBy,
} from '../__fixtures__/generator-tree';
import { profileGenerator } from './generator';

/** The dltHub workspace every test starts from. */
const ANALYTICS_WORKSPACE = { name: 'analytics', directory: 'data/analytics', profiles: 'dev' };

describe('profile generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = await createWorkspaceTree(ANALYTICS_WORKSPACE);
  });

  it('creates .dlt/<profile>.config.toml with a header, found by project name or directory', async () => {
    const changed = await pathsChangedBy(tree, async () => {
      await profileGenerator(tree, { name: 'tests', workspace: 'analytics' });
      await profileGenerator(tree, { name: 'staging', workspace: 'data/analytics' });
    });
    expect(changed).toEqual(['data/analytics/.dlt/staging.config.toml', 'data/analytics/.dlt/tests.config.toml']);
    expect(tree.read('data/analytics/.dlt/tests.config.toml', 'utf-8')).toMatch(
      /^# Configuration of the "tests" profile.*\n.*Local only/,
    );
    expect(tree.read('data/analytics/.dlt/staging.config.toml', 'utf-8')).toMatch(/Synced/);
  });

  it('keeps an existing, hand-edited profile file', async () => {
    const edited = '# mine\n[destination.warehouse]\ndestination_type = "duckdb"  # edited\n';
    tree.write('data/analytics/.dlt/dev.config.toml', edited);
    const changed = await pathsChangedBy(tree, () => profileGenerator(tree, { name: 'dev', workspace: 'analytics' }));
    expect(changed).toEqual([]);
  });

  it('works on a TS-solution workspace', async () => {
    await expectSameOnTsSolution(tree, (target) => profileGenerator(target, { name: 'prod', workspace: 'analytics' }), {
      workspace: ANALYTICS_WORKSPACE,
      paths: ['data/analytics/.dlt/prod.config.toml'],
    });
  });

  it('rejects a bad profile name and a missing or unknown workspace, writing nothing', async () => {
    await expectEachFailureWritesNothing(tree, profileGenerator, [
      [{ name: '../etc', workspace: 'analytics' }, /Invalid profile name/],
      [{ name: 'prod', workspace: 'nope' }, /No dltHub workspace project "nope"[\s\S]*analytics \(data\/analytics\)/],
      [{ name: 'prod', workspace: '' }, /Missing --workspace/],
    ]);
    tree.write('libs/app/index.ts', 'export {};\n');
    await expectFailureWritesNothing(
      tree,
      () => profileGenerator(tree, { name: 'prod', workspace: 'libs/app' }),
      /"libs\/app" exists and is not a dltHub workspace/,
    );
  });
});
