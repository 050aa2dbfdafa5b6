import type { Tree } from '@nx/devkit';
import { parseToml } from '@dlthub/config-core/toml';
import { expectFailureWritesNothing } from '../../testing/tree-snapshot';
import {
  createWorkspaceTree,
  expectEachFailureWritesNothing,
  expectSameOnTsSolution,
  pathsChangedBy,
  readToml,
} from '../__fixtures__/generator-tree';
import { destinationGenerator } from './generator';

/** The dltHub workspace every test starts from. */
const ANALYTICS_WORKSPACE = { name: 'analytics' };

const HAND_EDITED_PROD = [
  '# prod settings, edited by hand',
  '[destination.warehouse]',
  'destination_type = "duckdb"  # keep me',
  '',
  '[sources.github]   # a comment on a table header',
  'owner = "dlt-hub"',
  '',
].join('\n');

describe('destination generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = await createWorkspaceTree(ANALYTICS_WORKSPACE);
  });

  it('adds the destination to every profile the workspace has by default', async () => {
    const changed = await pathsChangedBy(tree, () =>
      destinationGenerator(tree, { name: 'lake', type: 'filesystem', workspace: 'analytics' }),
    );
    expect(changed).toEqual(
      expect.arrayContaining([
        'analytics/.dlt/access.config.toml',
        'analytics/.dlt/dev.config.toml',
        'analytics/.dlt/prod.config.toml',
      ]),
    );
    expect(
      changed.every((path) =>
        /^analytics\/(\.dlt\/(dev|prod|access)\.(config|secrets)\.toml|pyproject\.toml)$/.test(path),
      ),
    ).toBe(true);
    // The destination's Python requirement joins the project's dependencies.
    expect(readToml(tree, 'analytics/pyproject.toml').project.dependencies[0]).toMatch(/^dlt\[hub,duckdb,filesystem\]/);
    for (const profile of ['dev', 'prod', 'access']) {
      const config = readToml(tree, `analytics/.dlt/${profile}.config.toml`);
      expect(config.destination.lake.destination_type).toBe('filesystem');
      expect(config.destination.warehouse.destination_type).toBe('duckdb');
      expect(config.destination.lake.credentials).toBeUndefined();
    }
  });

  it('adds only to --profiles, creating a new profile file when needed', async () => {
    const changed = await pathsChangedBy(tree, () =>
      destinationGenerator(tree, { name: 'pg', type: 'postgres', workspace: 'analytics', profiles: 'prod,staging' }),
    );
    expect(changed).toEqual([
      'analytics/.dlt/prod.config.toml',
      'analytics/.dlt/prod.secrets.toml',
      'analytics/.dlt/staging.config.toml',
      'analytics/.dlt/staging.secrets.toml',
      'analytics/pyproject.toml',
    ]);
    const secrets = readToml(tree, 'analytics/.dlt/prod.secrets.toml');
    expect(secrets.destination.pg.credentials).toBeDefined();
  });

  it('changes only the intended lines of hand-edited, commented TOML', async () => {
    tree.write('analytics/.dlt/prod.config.toml', HAND_EDITED_PROD);
    await destinationGenerator(tree, { name: 'lake', type: 'filesystem', workspace: 'analytics', profiles: 'prod' });
    const after = tree.read('analytics/.dlt/prod.config.toml', 'utf-8') ?? '';
    const oldLines = HAND_EDITED_PROD.split('\n');
    const newLines = after.split('\n');
    // Every original line is still there, in order; the new ones are only the [destination.lake] table.
    let cursor = 0;
    const added: string[] = [];
    for (const line of newLines) {
      if (cursor < oldLines.length && line === oldLines[cursor]) cursor++;
      else added.push(line);
    }
    expect(cursor).toBe(oldLines.length);
    expect(added.filter((line) => line.trim() !== '')).toEqual([
      '[destination.lake]',
      'destination_type = "filesystem"',
      expect.stringMatching(/^bucket_url = /),
    ]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    await destinationGenerator(tree, { name: 'lake', type: 'filesystem', workspace: 'analytics' });
    const changed = await pathsChangedBy(tree, () =>
      destinationGenerator(tree, { name: 'lake', type: 'filesystem', workspace: 'analytics' }),
    );
    expect(changed).toEqual([]);
  });

  it('works on a TS-solution workspace', async () => {
    await expectSameOnTsSolution(
      tree,
      (target) => destinationGenerator(target, { name: 'lake', type: 'filesystem', workspace: 'analytics' }),
      { workspace: ANALYTICS_WORKSPACE, paths: ['analytics/.dlt/prod.secrets.toml'] },
    );
  });

  it('bad options write nothing', async () => {
    await expectEachFailureWritesNothing(tree, destinationGenerator, [
      [
        { name: 'lake', type: 'starrocks', workspace: 'analytics' },
        /Unknown destination type "starrocks"[\s\S]*Registered types: athena, bigquery, clickhouse/,
      ],
      [{ name: 'Lake-1', type: 'duckdb', workspace: 'analytics' }, /Invalid destination name "Lake-1"/],
      [{ name: 'lake', type: 'duckdb', workspace: 'missing' }, /No dltHub workspace project "missing"/],
      [{ name: 'lake', type: 'duckdb', workspace: 'analytics', profiles: 'dev,/etc' }, /Invalid profile name/],
    ]);
  });

  it('a malformed profile file is reported with file and line, and nothing is written', async () => {
    tree.write('analytics/.dlt/dev.config.toml', '[destination.warehouse\n');
    await expectFailureWritesNothing(
      tree,
      () => destinationGenerator(tree, { name: 'lake', type: 'duckdb', workspace: 'analytics' }),
      /dev\.config\.toml:1/,
    );
  });

  it('a malformed profile file fails with the same code, message and location as config-core reading it', async () => {
    const text = '[destination.warehouse\n';
    tree.write('analytics/.dlt/dev.config.toml', text);
    const caught = await destinationGenerator(tree, { name: 'lake', type: 'duckdb', workspace: 'analytics' }).then(
      () => undefined,
      (error: unknown) => error as { code: string; message: string; location: { file: string } },
    );
    expect(caught?.location.file).toMatch(/dev\.config\.toml$/);
    let expected: unknown;
    try {
      parseToml(text, caught?.location.file ?? '');
    } catch (error) {
      expected = error;
    }
    const { code, message, location } = expected as { code: string; message: string; location: unknown };
    expect(caught?.code).toBe(code);
    // Nx prints only the message of a failing generator, so the hint (the edit's own) is folded into it.
    expect(caught?.message.split('\n')[0]).toBe(message);
    expect(caught?.message).toMatch(/\nFix the syntax at \.dlt\/dev\.config\.toml:1:\d+ first; nothing was changed\.$/);
    expect(caught?.location).toEqual(location);
    expect(message).toMatch(/^Cannot read \S*dev\.config\.toml:1:\d+: invalid TOML: /);
  });
});
