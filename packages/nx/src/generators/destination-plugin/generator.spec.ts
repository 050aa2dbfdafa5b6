import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readJson, updateJson, writeJson, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { flushToDisk } from '../../testing/disk';
import {
  createEmptyTree,
  createTsSolutionTree,
  diffSnapshots,
  expectFailureWritesNothing,
  snapshotTree,
} from '../../testing/tree-snapshot';
import { destinationGenerator } from '../destination/generator';
import { workspaceGenerator } from '../workspace/generator';
import { destinationPluginGenerator } from './generator';

const PACKAGE_FILES = ['README.md', 'package.json', 'src/index.d.ts', 'src/index.js', 'src/index.test.js'];
/** node_modules of this repository: the generated package needs @dlthub/config-core and zod. */
const REPO_NODE_MODULES = resolve(__dirname, '../../../../../node_modules');

describe('destination-plugin generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createEmptyTree();
  });

  it('scaffolds packages/destinations/<type> and lists it in dlthub.plugins', async () => {
    const before = snapshotTree(tree);
    await destinationPluginGenerator(tree, { type: 'clickhouse' });
    expect(diffSnapshots(before, snapshotTree(tree))).toEqual([
      'package.json',
      ...PACKAGE_FILES.map((file) => `packages/destinations/clickhouse/${file}`),
    ]);
    const pkg = readJson(tree, 'packages/destinations/clickhouse/package.json');
    // The empty workspace's root package is @proj/source: the scope follows it.
    expect(pkg).toMatchObject({ name: '@proj/destination-clickhouse', main: './src/index.js', type: 'commonjs' });
    expect(pkg.dependencies).toEqual({ zod: '^4.1.0' });
    // A peer: the plugin must use the very config-core the CLI loads (one registry, one zod).
    expect(pkg.peerDependencies).toEqual({ '@dlthub/config-core': expect.stringMatching(/^\^\d+\.\d+\.\d+/) });
    expect(readJson(tree, 'package.json').dlthub).toEqual({ plugins: ['./packages/destinations/clickhouse'] });
    const source = tree.read('packages/destinations/clickhouse/src/index.js', 'utf-8') ?? '';
    expect(source).toContain("type: 'clickhouse'");
    expect(source).toContain("name: '@proj/destination-clickhouse'");
    expect(source).not.toMatch(/<%|%>/);
  });

  it('adds a tsconfig and a typecheck script when the repository uses TypeScript', async () => {
    updateJson(tree, 'package.json', (json) => ({ ...json, devDependencies: { typescript: '~6.0.3' } }));
    await destinationPluginGenerator(tree, { type: 'clickhouse' });
    expect(tree.exists('packages/destinations/clickhouse/tsconfig.json')).toBe(true);
    expect(readJson(tree, 'packages/destinations/clickhouse/package.json').scripts.typecheck).toBe(
      'tsc -p tsconfig.json',
    );
  });

  it('takes the npm scope from a TS-solution root package.json and keeps other plugins listed', async () => {
    const tsTree = createTsSolutionTree();
    updateJson(tsTree, 'package.json', (json) => ({ ...json, dlthub: { plugins: ['@acme/profiles-extra'] } }));
    await destinationPluginGenerator(tsTree, { type: 'click_house', description: 'ClickHouse "OLAP" & more' });
    expect(readJson(tsTree, 'packages/destinations/click-house/package.json').name).toBe(
      '@acme/destination-click-house',
    );
    expect(readJson(tsTree, 'package.json').dlthub.plugins).toEqual([
      '@acme/profiles-extra',
      './packages/destinations/click-house',
    ]);
    expect(tsTree.read('packages/destinations/click-house/src/index.js', 'utf-8')).toContain(
      'description: "ClickHouse \\"OLAP\\" & more"',
    );
  });

  it('joins the npm workspaces when their globs miss the package, and then installs', async () => {
    const tsTree = createTsSolutionTree();
    const install = await destinationPluginGenerator(tsTree, { type: 'clickhouse' });
    expect(readJson(tsTree, 'package.json').workspaces).toEqual(['packages/*', 'apps/*', 'packages/destinations/*']);
    expect(typeof install).toBe('function');
    // A second plugin lands under the glob just added: nothing more to add.
    await destinationPluginGenerator(tsTree, { type: 'druid' });
    expect(readJson(tsTree, 'package.json').workspaces).toEqual(['packages/*', 'apps/*', 'packages/destinations/*']);
    await destinationPluginGenerator(tsTree, { type: 'pinot', directory: 'packages/pinot' });
    expect(readJson(tsTree, 'package.json').workspaces).toHaveLength(3);
  });

  it('--register false leaves dlthub.plugins alone', async () => {
    await destinationPluginGenerator(tree, { type: 'clickhouse', register: false });
    expect(readJson(tree, 'package.json').dlthub).toBeUndefined();
  });

  it('honours --directory and --importPath', async () => {
    await destinationPluginGenerator(tree, { type: 'clickhouse', directory: 'plugins/ch', importPath: '@corp/dlt-ch' });
    expect(readJson(tree, 'plugins/ch/package.json').name).toBe('@corp/dlt-ch');
    expect(readJson(tree, 'package.json').dlthub.plugins).toEqual(['./plugins/ch']);
  });

  it('bad options write nothing', async () => {
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'Click-House' }),
      /Invalid destination type "Click-House"/,
    );
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'duckdb' }),
      /"duckdb" is already provided by "@dlthub\/destination-duckdb"/,
    );
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'clickhouse', importPath: 'Not A Name' }),
      /Invalid package name/,
    );
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'clickhouse', port: 70000 }),
      /Invalid --port/,
    );
    tree.write('packages/destinations/clickhouse/keep.txt', 'mine\n');
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'clickhouse' }),
      /already exists/,
    );
  });

  describe('on disk', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'dlthub-nx-plugin-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('writes nothing on a dry run, and the flushed package passes its own tests', async () => {
      const setup = new FsTree(root, false);
      writeJson(setup, 'package.json', { name: 'consumer', private: true });
      flushToDisk(root, setup);

      const fsTree = new FsTree(root, false);
      await destinationPluginGenerator(fsTree, { type: 'clickhouse', port: 9000 });
      expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8'))).toEqual({
        name: 'consumer',
        private: true,
      });
      flushToDisk(root, fsTree);
      // An unscoped root package name falls back to the @dlthub scope.
      expect(JSON.parse(readFileSync(join(root, 'packages/destinations/clickhouse/package.json'), 'utf-8')).name).toBe(
        '@dlthub/destination-clickhouse',
      );

      const packageDir = join(root, 'packages/destinations/clickhouse');
      const result = spawnSync(process.execPath, ['--test', 'src/index.test.js'], {
        cwd: packageDir,
        env: { ...process.env, NODE_PATH: REPO_NODE_MODULES, NODE_OPTIONS: '' },
        encoding: 'utf-8',
      });
      expect(`${result.stdout}${result.stderr}`).toMatch(/# pass 5\b/);
      expect(result.status).toBe(0);
    });

    it('the new type is known to the other generators once the package is on disk', async () => {
      const setup = new FsTree(root, false);
      writeJson(setup, 'package.json', { name: '@acme/source', private: true });
      flushToDisk(root, setup);
      // The plugin resolves @dlthub/config-core and zod as in a real install.
      symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'), 'dir');
      const pluginTree = new FsTree(root, false);
      await destinationPluginGenerator(pluginTree, { type: 'clickhouse' });
      flushToDisk(root, pluginTree);

      const tree = new FsTree(root, false);
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev,prod', prodDestination: 'clickhouse' });
      await destinationGenerator(tree, { name: 'olap', type: 'clickhouse', workspace: 'analytics', profiles: 'dev' });
      const changes = new Map(
        tree.listChanges().map((change) => [change.path, change.content?.toString('utf-8') ?? '']),
      );
      expect(changes.get('analytics/.dlt/prod.config.toml')).toContain('destination_type = "clickhouse"');
      expect(changes.get('analytics/.dlt/prod.secrets.toml')).toContain('password = "<configure me>"');
      expect(changes.get('analytics/.dlt/dev.secrets.toml')).toContain('host = "localhost"');
    });
  });
});
