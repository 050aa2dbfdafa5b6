/**
 * A plugin package the generator makes, flushed to disk and loaded, has the shape of a first-party
 * destination plugin (e.g. `@dlthub/destination-redshift`): its package.json entry exports `plugin`, made
 * with `definePlugin` under the package's name, holding one destination definition with the same parts
 * (type, description, config schema, credentials variants with secret fields, dev/prod scaffolds), and a
 * registry takes it next to the built-in ones.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeJson } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { createRegistry, type DestinationDefinition, type DlthubPlugin } from '@dlthub/config-core';
import { builtinPlugins } from '@dlthub/builtin-plugins';
import { flushToDisk } from '../../testing/disk';
import { destinationPluginGenerator } from './generator';

const REPO_ROOT = resolve(__dirname, '../../../../..');
const REFERENCE_DIR = join(REPO_ROOT, 'packages/destinations/redshift');

interface PackageJson {
  name: string;
  main: string;
}

const readPackage = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8')) as PackageJson;

/** The parts every destination definition has (optional hooks aside). */
const DEFINITION_PARTS = ['kind', 'type', 'description', 'configSchema', 'credentialsSchemas', 'scaffold'];

describe('destination-plugin generator output next to a first-party plugin', () => {
  let root: string;
  let generated: DlthubPlugin;
  let generatedPackage: PackageJson;
  const reference = builtinPlugins().find((plugin) => plugin.name === readPackage(REFERENCE_DIR).name)!;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dlthub-nx-shape-'));
    const setup = new FsTree(root, false);
    writeJson(setup, 'package.json', { name: '@acme/source', private: true });
    flushToDisk(root, setup);
    // The plugin resolves @dlthub/config-core and zod as in a real install.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    const tree = new FsTree(root, false);
    await destinationPluginGenerator(tree, { type: 'starrocks', port: 9030 });
    flushToDisk(root, tree);
    const packageDir = join(root, 'packages/destinations/starrocks');
    generatedPackage = readPackage(packageDir);
    // Loaded the way the CLI loads a listed plugin: a plain require of the package entry.
    const load = createRequire(join(packageDir, 'package.json'));
    generated = (load(join(packageDir, generatedPackage.main)) as { plugin: DlthubPlugin }).plugin;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sits where first-party plugins sit, named and entered the same way', () => {
    expect(existsSync(join(root, 'packages/destinations/starrocks/package.json'))).toBe(true);
    expect(generatedPackage.name).toBe('@acme/destination-starrocks');
    expect(readPackage(REFERENCE_DIR).name).toMatch(/^@dlthub\/destination-/);
    // Both entries export `plugin`, made with definePlugin under the package name.
    expect(reference.name).toBe(readPackage(REFERENCE_DIR).name);
    expect(generated.name).toBe(generatedPackage.name);
  });

  it('exports a plugin with the same parts as a first-party one', () => {
    expect(Object.keys(generated).sort()).toEqual(Object.keys(reference).sort());
    expect(generated.kind).toBe('plugin');
    expect(generated.destinations.map((definition) => definition.type)).toEqual(['starrocks']);
    expect(generated.profiles).toEqual(reference.profiles);
    expect(generated.providers).toEqual(reference.providers);
  });

  it('holds a destination definition with the parts of the first-party one', () => {
    const [ours] = generated.destinations as DestinationDefinition[];
    const [theirs] = reference.destinations as DestinationDefinition[];
    for (const definition of [ours!, theirs!]) {
      expect(Object.keys(definition)).toEqual(expect.arrayContaining(DEFINITION_PARTS));
      expect(Object.keys(definition.scaffold).sort()).toEqual(['dev', 'prod']);
      for (const variant of definition.credentialsSchemas) {
        expect(variant.secretFields.every((field) => field in variant.schema.shape)).toBe(true);
      }
    }
    // Same credentials spec family: a connection string with a secret password.
    expect(ours!.credentialsSchemas.map((variant) => [variant.name, variant.secretFields])).toEqual(
      theirs!.credentialsSchemas.map((variant) => [variant.name, variant.secretFields]),
    );
    expect(ours!.credentialsSchemas[0]!.parseNative!('starrocks://u:p@h:9030/db')).toMatchObject({ port: 9030 });
  });

  it('joins a registry next to the built-in plugins', () => {
    const registry = createRegistry([...builtinPlugins(), generated]);
    expect(registry.destinationTypes()).toEqual(expect.arrayContaining(['redshift', 'starrocks']));
    expect(registry.ownerOf('destination', 'starrocks')).toBe('@acme/destination-starrocks');
  });
});
