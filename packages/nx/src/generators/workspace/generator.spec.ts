import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProjectConfiguration, readNxJson, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { flushToDisk } from '../../testing/disk';
import { parseToml } from '@dlthub/config-core/toml';
import {
  createEmptyTree,
  createTsSolutionTree,
  diffSnapshots,
  expectFailureWritesNothing,
  snapshotTree,
} from '../../testing/tree-snapshot';
import { workspaceGenerator } from './generator';

/** Generated TOML read back the way every package reads it. */
const parse = (text: string) => parseToml(text, 'generated.toml');

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

function toml(tree: Tree, path: string): Record<string, any> {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} missing`);
  return parse(text) as Record<string, any>;
}

const expectNothingWritten = expectFailureWritesNothing;

describe('workspace generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createEmptyTree();
  });

  it('scaffolds a workspace with warehouse on duckdb in every default profile', async () => {
    const before = snapshotTree(tree);
    await workspaceGenerator(tree, { name: 'analytics' });
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual(DEFAULT_FILES);
    expect(toml(tree, 'analytics/.dlt/config.toml').workspace.settings.name).toBe('analytics');
    expect(toml(tree, 'analytics/pyproject.toml').project.name).toBe('analytics');
    for (const profile of ['dev', 'prod', 'access']) {
      expect(toml(tree, `analytics/.dlt/${profile}.config.toml`).destination.warehouse.destination_type).toBe('duckdb');
    }
    expect(tree.read('analytics/.gitignore', 'utf-8')).toContain('*.secrets.toml');
    expect(readNxJson(tree)?.plugins).toContain('@dlthub/nx');
  });

  it('puts prod and access on --prod-destination, credentials only in *.secrets.toml', async () => {
    await workspaceGenerator(tree, { name: 'sales', directory: 'workspaces/sales', prodDestination: 'postgres' });
    expect(toml(tree, 'workspaces/sales/.dlt/dev.config.toml').destination.warehouse.destination_type).toBe('duckdb');
    for (const profile of ['prod', 'access']) {
      const config = toml(tree, `workspaces/sales/.dlt/${profile}.config.toml`);
      expect(config.destination.warehouse.destination_type).toBe('postgres');
      expect(config.destination.warehouse.credentials).toBeUndefined();
      const secrets = toml(tree, `workspaces/sales/.dlt/${profile}.secrets.toml`);
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
    expect(toml(tree, 'local/.dlt/dev.config.toml').destination.warehouse.destination_type).toBe('motherduck');
    expect(toml(tree, 'local/.dlt/tests.config.toml').destination.warehouse.destination_type).toBe('motherduck');
    // A custom profile is synced (dlt), so it gets the prod type.
    expect(toml(tree, 'local/.dlt/staging.config.toml').destination.warehouse.destination_type).toBe('bigquery');
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
    const tsTree = createTsSolutionTree();
    await workspaceGenerator(tsTree, { name: 'analytics' });
    await workspaceGenerator(tree, { name: 'analytics' });
    for (const path of DEFAULT_FILES.filter((file) => !['nx.json', 'package.json'].includes(file))) {
      expect(tsTree.read(path, 'utf-8')).toBe(tree.read(path, 'utf-8'));
    }
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
      const before = snapshotTree(tree);
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev,prod' });
      expect(diffSnapshots(before, snapshotTree(tree))).toEqual(['analytics/.dlt/prod.config.toml']);
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
      expect(parse(after)).toMatchObject({
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
      await expectNothingWritten(tree, () => workspaceGenerator(tree, { name: '../evil' }), /Invalid workspace name/);
      await expectNothingWritten(tree, () => workspaceGenerator(tree, { name: '' }), /Invalid workspace name/);
    });

    it('bad profile name and directory outside the repository', async () => {
      await expectNothingWritten(
        tree,
        () => workspaceGenerator(tree, { name: 'a', profiles: 'dev,../x' }),
        /Invalid profile name/,
      );
      await expectNothingWritten(
        tree,
        () => workspaceGenerator(tree, { name: 'a', directory: '../outside' }),
        /Invalid --directory/,
      );
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
