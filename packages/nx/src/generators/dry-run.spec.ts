/**
 * `nx g ... --dry-run` runs a generator on a tree over the real workspace and never flushes it:
 * every generator must reach the disk only through the tree.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { flushToDisk, readTree } from '../testing/disk';
import { destinationPluginGenerator } from './destination-plugin/generator';
import { destinationGenerator } from './destination/generator';
import { initGenerator } from './init/generator';
import { pipelineGenerator } from './pipeline/generator';
import { profileGenerator } from './profile/generator';
import { workspaceGenerator } from './workspace/generator';

const GENERATORS: Array<[string, (tree: Tree) => Promise<unknown>]> = [
  ['init', (tree) => initGenerator(tree, {})],
  ['workspace', (tree) => workspaceGenerator(tree, { name: 'sales', prodDestination: 'postgres' })],
  ['profile', (tree) => profileGenerator(tree, { name: 'staging', workspace: 'analytics' })],
  ['destination', (tree) => destinationGenerator(tree, { name: 'pg', type: 'postgres', workspace: 'analytics' })],
  [
    'pipeline',
    (tree) => pipelineGenerator(tree, { source: 'rest_api', destination: 'warehouse', workspace: 'analytics' }),
  ],
  ['destination-plugin', (tree) => destinationPluginGenerator(tree, { type: 'starrocks' })],
];

describe('dry run', () => {
  let root: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'dlthub-nx-dryrun-'));
    writeFileSync(join(root, 'nx.json'), '{}\n');
    writeFileSync(join(root, 'package.json'), '{ "name": "@acme/source", "private": true }\n');
    const setup = new FsTree(root, false);
    await workspaceGenerator(setup, { name: 'analytics', profiles: 'dev,prod' });
    flushToDisk(root, setup);
    // The workspace generator registered the plugin; start init from a repository without it.
    writeFileSync(join(root, 'nx.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each(GENERATORS)('%s changes the disk only when the tree is flushed', async (_name, generate) => {
    const before = readTree(root);
    const tree = new FsTree(root, false);
    await generate(tree);
    const changes = tree.listChanges();
    expect(changes.length).toBeGreaterThan(0);
    expect(readTree(root)).toEqual(before);

    flushToDisk(root, tree);
    const after = readTree(root);
    for (const change of changes) {
      expect(after.get(change.path)?.content).toBe(change.content?.toString('utf-8'));
    }
  });
});
