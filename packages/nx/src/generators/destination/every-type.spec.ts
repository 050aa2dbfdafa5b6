/**
 * The destination generator with every registered destination type: each one lands as `[destination.w]`
 * with its `destination_type` in the chosen profiles' config files, and its scaffolded credentials only in
 * their secrets files.
 */
import type { Tree } from '@nx/devkit';
import { createRegistry } from '@dlthub/config-core';
import { parseToml } from '@dlthub/config-core/toml';
import { builtinPlugins } from '@dlthub/builtin-plugins';
import { createEmptyTree, diffSnapshots, snapshotTree } from '../../testing/tree-snapshot';
import { workspaceGenerator } from '../workspace/generator';
import { destinationGenerator } from './generator';

type TomlTable = Record<string, unknown>;

const registry = createRegistry(builtinPlugins());
const TYPES = registry.destinationTypes();
const PROFILES = ['dev', 'prod'] as const;

const parse = (tree: Tree, path: string): TomlTable => parseToml(tree.read(path, 'utf-8') ?? '', path);

/** The `[destination.w]` table of a parsed TOML file, or undefined. */
function destinationW(table: TomlTable): TomlTable | undefined {
  return ((table.destination as TomlTable | undefined)?.w ?? undefined) as TomlTable | undefined;
}

describe('destination generator, every registered type', () => {
  it('has every dlt destination type registered', () => {
    expect(TYPES).toHaveLength(21);
  });

  it.each(TYPES)('%s: type in the profile config files, credentials only in secrets files', async (type) => {
    const tree = createEmptyTree();
    await workspaceGenerator(tree, { name: 'analytics' });
    const before = snapshotTree(tree);
    await destinationGenerator(tree, { name: 'w', type, workspace: 'analytics', profiles: PROFILES.join(',') });
    const changed = diffSnapshots(before, snapshotTree(tree));
    // Only the chosen profiles' files and the dependency list change.
    expect(
      changed.every((path) => /^analytics\/(\.dlt\/(dev|prod)\.(config|secrets)\.toml|pyproject\.toml)$/.test(path)),
    ).toBe(true);

    const definition = registry.getDestination(type)!;
    for (const profile of PROFILES) {
      const scaffold = definition.scaffold[profile];
      const config = destinationW(parse(tree, `analytics/.dlt/${profile}.config.toml`));
      expect(config?.destination_type).toBe(type);
      expect(config?.credentials).toBeUndefined();
      for (const [key, value] of Object.entries(scaffold.config)) expect(config?.[key]).toEqual(value);

      const secretsPath = `analytics/.dlt/${profile}.secrets.toml`;
      const secrets = tree.exists(secretsPath) ? destinationW(parse(tree, secretsPath)) : undefined;
      if (Object.keys(scaffold.credentials).length === 0) {
        expect(secrets?.credentials).toBeUndefined();
      } else {
        // Nothing but the credentials table goes to the secrets file.
        expect(Object.keys(secrets ?? {})).toEqual(['credentials']);
        expect(secrets?.credentials).toEqual(scaffold.credentials);
      }
    }
  });
});
