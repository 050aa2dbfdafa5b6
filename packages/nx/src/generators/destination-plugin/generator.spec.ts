import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readJson, updateJson, writeJson, type Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { flushToDisk } from '../../testing/disk';
import { createEmptyTree, createTsSolutionTree, expectFailureWritesNothing } from '../../testing/tree-snapshot';
import { expectEachFailureWritesNothing, pathsChangedBy } from '../__fixtures__/generator-tree';
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
    const changed = await pathsChangedBy(tree, () => destinationPluginGenerator(tree, { type: 'starrocks' }));
    expect(changed).toEqual([
      'package.json',
      ...PACKAGE_FILES.map((file) => `packages/destinations/starrocks/${file}`),
    ]);
    const pkg = readJson(tree, 'packages/destinations/starrocks/package.json');
    // The empty workspace's root package is @proj/source: the scope follows it.
    expect(pkg).toMatchObject({ name: '@proj/destination-starrocks', main: './src/index.js', type: 'commonjs' });
    expect(pkg.dependencies).toEqual({ zod: '^4.1.0' });
    // A peer: the plugin must use the very config-core the CLI loads (one registry, one zod).
    expect(pkg.peerDependencies).toEqual({ '@dlthub/config-core': expect.stringMatching(/^\^\d+\.\d+\.\d+/) });
    expect(readJson(tree, 'package.json').dlthub).toEqual({ plugins: ['./packages/destinations/starrocks'] });
    const source = tree.read('packages/destinations/starrocks/src/index.js', 'utf-8') ?? '';
    expect(source).toContain("type: 'starrocks'");
    expect(source).toContain("name: '@proj/destination-starrocks'");
    expect(source).not.toMatch(/<%|%>/);
  });

  it('adds a tsconfig and a typecheck script when the repository uses TypeScript', async () => {
    updateJson(tree, 'package.json', (json) => ({ ...json, devDependencies: { typescript: '~6.0.3' } }));
    await destinationPluginGenerator(tree, { type: 'starrocks' });
    expect(tree.exists('packages/destinations/starrocks/tsconfig.json')).toBe(true);
    expect(readJson(tree, 'packages/destinations/starrocks/package.json').scripts.typecheck).toBe(
      'tsc -p tsconfig.json',
    );
  });

  it('takes the npm scope from a TS-solution root package.json and keeps other plugins listed', async () => {
    const tsTree = createTsSolutionTree();
    updateJson(tsTree, 'package.json', (json) => ({ ...json, dlthub: { plugins: ['@acme/profiles-extra'] } }));
    await destinationPluginGenerator(tsTree, { type: 'star_rocks', description: 'StarRocks "OLAP" & more' });
    expect(readJson(tsTree, 'packages/destinations/star-rocks/package.json').name).toBe('@acme/destination-star-rocks');
    expect(readJson(tsTree, 'package.json').dlthub.plugins).toEqual([
      '@acme/profiles-extra',
      './packages/destinations/star-rocks',
    ]);
    expect(tsTree.read('packages/destinations/star-rocks/src/index.js', 'utf-8')).toContain(
      'description: "StarRocks \\"OLAP\\" & more"',
    );
  });

  it('joins the npm workspaces when their globs miss the package, and then installs', async () => {
    const tsTree = createTsSolutionTree();
    const install = await destinationPluginGenerator(tsTree, { type: 'starrocks' });
    expect(readJson(tsTree, 'package.json').workspaces).toEqual(['packages/*', 'apps/*', 'packages/destinations/*']);
    expect(typeof install).toBe('function');
    // A second plugin lands under the glob just added: nothing more to add.
    await destinationPluginGenerator(tsTree, { type: 'druid' });
    expect(readJson(tsTree, 'package.json').workspaces).toEqual(['packages/*', 'apps/*', 'packages/destinations/*']);
    await destinationPluginGenerator(tsTree, { type: 'pinot', directory: 'packages/pinot' });
    expect(readJson(tsTree, 'package.json').workspaces).toHaveLength(3);
  });

  it('--register false leaves dlthub.plugins alone', async () => {
    await destinationPluginGenerator(tree, { type: 'starrocks', register: false });
    expect(readJson(tree, 'package.json').dlthub).toBeUndefined();
  });

  it('honours --directory and --importPath', async () => {
    await destinationPluginGenerator(tree, { type: 'starrocks', directory: 'plugins/ch', importPath: '@corp/dlt-ch' });
    expect(readJson(tree, 'plugins/ch/package.json').name).toBe('@corp/dlt-ch');
    expect(readJson(tree, 'package.json').dlthub.plugins).toEqual(['./plugins/ch']);
  });

  it('bad options write nothing', async () => {
    await expectEachFailureWritesNothing(tree, destinationPluginGenerator, [
      [{ type: 'Star-Rocks' }, /Invalid destination type "Star-Rocks"/],
      [{ type: 'duckdb' }, /"duckdb" is already provided by "@dlthub\/destination-duckdb"/],
      [{ type: 'starrocks', importPath: 'Not A Name' }, /Invalid package name/],
      [{ type: 'starrocks', port: 70000 }, /Invalid --port/],
    ]);
    tree.write('packages/destinations/starrocks/keep.txt', 'mine\n');
    await expectFailureWritesNothing(
      tree,
      () => destinationPluginGenerator(tree, { type: 'starrocks' }),
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
      await destinationPluginGenerator(fsTree, { type: 'starrocks', port: 9000 });
      expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8'))).toEqual({
        name: 'consumer',
        private: true,
      });
      flushToDisk(root, fsTree);
      // An unscoped root package name falls back to the @dlthub scope.
      expect(JSON.parse(readFileSync(join(root, 'packages/destinations/starrocks/package.json'), 'utf-8')).name).toBe(
        '@dlthub/destination-starrocks',
      );

      const packageDir = join(root, 'packages/destinations/starrocks');
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
      await destinationPluginGenerator(pluginTree, { type: 'starrocks' });
      flushToDisk(root, pluginTree);

      const tree = new FsTree(root, false);
      await workspaceGenerator(tree, { name: 'analytics', profiles: 'dev,prod', prodDestination: 'starrocks' });
      await destinationGenerator(tree, { name: 'olap', type: 'starrocks', workspace: 'analytics', profiles: 'dev' });
      const changes = new Map(
        tree.listChanges().map((change) => [change.path, change.content?.toString('utf-8') ?? '']),
      );
      expect(changes.get('analytics/.dlt/prod.config.toml')).toContain('destination_type = "starrocks"');
      expect(changes.get('analytics/.dlt/prod.secrets.toml')).toContain('password = "<configure me>"');
      expect(changes.get('analytics/.dlt/dev.secrets.toml')).toContain('host = "localhost"');
    });
  });
});
