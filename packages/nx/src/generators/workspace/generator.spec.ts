import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProjectConfiguration, readNxJson, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { flushToDisk } from '../../testing/disk';
import { createEmptyTree, expectFailureWritesNothing, snapshotTree } from '../../testing/tree-snapshot';
import {
  expectEachFailureWritesNothing,
  expectSameOnTsSolution,
  pathsChangedBy,
  readToml,
} from '../__fixtures__/generator-tree';
import { workspaceGenerator } from './generator';

const DEFAULT_FILES = [
  'analytics/.dlt/.workspace',
  'analytics/.dlt/access.config.toml',
  'analytics/.dlt/config.toml',
  'analytics/.dlt/dev.config.toml',
  'analytics/.dlt/prod.config.toml',
  'analytics/.dlt/secrets.toml',
  'analytics/.gitignore',
  'analytics/pyproject.toml',
  'nx.json',
  'package.json',
];

const expectNothingWritten = expectFailureWritesNothing;

describe('workspace generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createEmptyTree();
  });

  it('scaffolds a workspace with warehouse on duckdb in every default profile', async () => {
    expect(await pathsChangedBy(tree, () => workspaceGenerator(tree, { name: 'analytics' }))).toEqual(DEFAULT_FILES);
    expect(readToml(tree, 'analytics/.dlt/config.toml').workspace.settings.name).toBe('analytics');
    expect(readToml(tree, 'analytics/pyproject.toml').project.name).toBe('analytics');
    for (const profile of ['dev', 'prod', 'access']) {
      expect(readToml(tree, `analytics/.dlt/${profile}.config.toml`).destination.warehouse.destination_type).toBe(
        'duckdb',
      );
    }
    expect(tree.read('analytics/.gitignore', 'utf-8')).toContain('*.secrets.toml');
    expect(readNxJson(tree)?.plugins).toContain('@dlthub/nx');
  });

  it('puts prod and access on --prod-destination, credentials only in *.secrets.toml', async () => {
    await workspaceGenerator(tree, { name: 'sales', directory: 'workspaces/sales', prodDestination: 'postgres' });
    expect(readToml(tree, 'workspaces/sales/.dlt/dev.config.toml').destination.warehouse.destination_type).toBe(
      'duckdb',
    );
    for (const profile of ['prod', 'access']) {
      const config = readToml(tree, `workspaces/sales/.dlt/${profile}.config.toml`);
      expect(config.destination.warehouse.destination_type).toBe('postgres');
      expect(config.destination.warehouse.credentials).toBeUndefined();
      const secrets = readToml(tree, `workspaces/sales/.dlt/${profile}.secrets.toml`);
      expect(Object.keys(secrets.destination.warehouse.credentials)).toEqual(expect.arrayContaining(['password']));
    }
    for (const path of snapshotTree(tree).keys()) {
      if (path.endsWith('.config.toml')) expect(tree.read(path, 'utf-8')).not.toMatch(/password|credentials/);
    }
  });

  it('uses --destination for local profiles and honours --profiles', async () => {
    await workspaceGenerator(tree, {
      name: 'local',
      destination: 'motherduck',
      prodDestination: 'bigquery',
      profiles: 'dev,tests,staging',
    });
    expect(readToml(tree, 'local/.dlt/dev.config.toml').destination.warehouse.destination_type).toBe('motherduck');
    expect(readToml(tree, 'local/.dlt/tests.config.toml').destination.warehouse.destination_type).toBe('motherduck');
    // A custom profile is synced (dlt), so it gets the prod type.
    expect(readToml(tree, 'local/.dlt/staging.config.toml').destination.warehouse.destination_type).toBe('bigquery');
    expect(tree.exists('local/.dlt/prod.config.toml')).toBe(false);
    expect(tree.exists('local/.dlt/access.config.toml')).toBe(false);
  });

  it('writes requirements.txt with --dependencies requirements', async () => {
    await workspaceGenerator(tree, { name: 'reqs', dependencies: 'requirements' });
    // The destinations' extras join dlt[hub] (dlt[hub,duckdb]).
    expect(tree.read('reqs/requirements.txt', 'utf-8')).toMatch(/^dlt\[hub,duckdb\]>=/m);
    expect(tree.exists('reqs/pyproject.toml')).toBe(false);
  });

  it('is the same on a TS-solution workspace', async () => {
    const tsTree = await expectSameOnTsSolution(tree, (target) => workspaceGenerator(target, { name: 'analytics' }), {
      paths: DEFAULT_FILES.filter((file) => !['nx.json', 'package.json'].includes(file)),
    });
    expect(readNxJson(tsTree)?.plugins).toContain('@dlthub/nx');
  });

  describe('over an existing workspace', () => {
    const HAND_EDITED = [
      '# Our dev settings: keep this comment',
      '[destination.warehouse]',
      'destination_type = "duckdb"   # local file',
      'database = "mine.duckdb"',
      '',
      '[sources.github]',
      'owner = "dlt-hub"  # hand edited',
      '',
    ].join('\n');

    it('adds only the missing profile files and keeps hand-edited TOML byte for byte', async () => {
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev' });
      tree.write('analytics/.dlt/dev.config.toml', HAND_EDITED);
      const config = '# mine\n[workspace.settings]\nname = "analytics"  # keep\n';
      tree.write('analytics/.dlt/config.toml', config);
      const changed = await pathsChangedBy(tree, () =>
        workspaceGenerator(tree, { name: 'analytics', profiles: 'dev,prod' }),
      );
      expect(changed).toEqual(['analytics/.dlt/prod.config.toml']);
      expect(tree.read('analytics/.dlt/dev.config.toml', 'utf-8')).toBe(HAND_EDITED);
      expect(tree.read('analytics/.dlt/config.toml', 'utf-8')).toBe(config);
    });

    it('adds a missing key to a hand-edited profile file and changes no other line', async () => {
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev' });
      const edited = '# prod, edited by hand\n[sources.github]\nowner = "dlt-hub"  # keep\n';
      tree.write('analytics/.dlt/prod.config.toml', edited);
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'prod' });
      const after = tree.read('analytics/.dlt/prod.config.toml', 'utf-8') ?? '';
      expect(after.startsWith(edited)).toBe(true);
      expect(readToml(tree, 'analytics/.dlt/prod.config.toml')).toMatchObject({
        sources: { github: { owner: 'dlt-hub' } },
        destination: { warehouse: { destination_type: 'duckdb' } },
      });
    });
  });

  describe('bad options write nothing', () => {
    it('unknown destination type lists the registered ones', async () => {
      await expectNothingWritten(
        tree,
        () => workspaceGenerator(tree, { name: 'a', destination: 'starrocks' }),
        /Unknown destination type "starrocks"/,
      );
      await expect(workspaceGenerator(tree, { name: 'a', prodDestination: 'nope' })).rejects.toMatchObject({
        hint: expect.stringContaining('bigquery, clickhouse, databricks, destination, dremio, duckdb'),
      });
    });

    it('bad workspace name', async () => {
      await expectEachFailureWritesNothing(tree, workspaceGenerator, [
        [{ name: '../evil' }, /Invalid workspace name/],
        [{ name: '' }, /Invalid workspace name/],
      ]);
    });

    it('bad profile name and directory outside the repository', async () => {
      await expectEachFailureWritesNothing(tree, workspaceGenerator, [
        [{ name: 'a', profiles: 'dev,../x' }, /Invalid profile name/],
        [{ name: 'a', directory: '../outside' }, /Invalid --directory/],
      ]);
    });

    it('a directory that exists and is not a dltHub workspace', async () => {
      tree.write('libs/app/index.ts', 'export {};\n');
      await expectNothingWritten(
        tree,
        () => workspaceGenerator(tree, { name: 'app', directory: 'libs/app' }),
        /"libs\/app" exists and is not a dltHub workspace/,
      );
    });

    it('a name already used by another project', async () => {
      addProjectConfiguration(tree, 'analytics', { root: 'libs/analytics' });
      await expectNothingWritten(
        tree,
        () => workspaceGenerator(tree, { name: 'analytics' }),
        /already exists at libs\/analytics/,
      );
    });
  });

  describe('dry run', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'dlthub-nx-dry-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('touches the disk only when Nx flushes the tree', async () => {
      const fsTree = new FsTree(root, false);
      fsTree.write('nx.json', '{}\n');
      fsTree.write('package.json', '{"name": "repo"}\n');
      flushToDisk(root, fsTree);
      const dryTree = new FsTree(root, false);
      await workspaceGenerator(dryTree, { name: 'analytics' });
      expect(existsSync(join(root, 'analytics'))).toBe(false);
      expect(readFileSync(join(root, 'nx.json'), 'utf-8')).toBe('{}\n');
      expect(
        dryTree
          .listChanges()
          .map((change) => change.path)
          .sort(),
      ).toEqual(DEFAULT_FILES);

      flushToDisk(root, dryTree);
      expect(readFileSync(join(root, 'analytics/.dlt/config.toml'), 'utf-8')).toContain('name = "analytics"');
    });
  });
});
