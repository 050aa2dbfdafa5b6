/**
 * The registry generators scaffold with: the built-in destination and profile plugins plus every
 * module listed in the root package.json `dlthub.plugins`, exactly as the CLI builds it, so a
 * generator and `dlthub destination add` agree on the known types.
 */
import { logger, type Tree } from '@nx/devkit';
import { loadPlugins, type DlthubPlugin, type Registry } from '@dlthub/config-core';
import { plugin as bigquery } from '@dlthub/destination-bigquery';
import { plugin as duckdb } from '@dlthub/destination-duckdb';
import { plugin as filesystem } from '@dlthub/destination-filesystem';
import { plugin as motherduck } from '@dlthub/destination-motherduck';
import { plugin as postgres } from '@dlthub/destination-postgres';
import { plugin as snowflake } from '@dlthub/destination-snowflake';
import { profilesPlugin } from '@dlthub/profiles';

export const BUILTIN_PLUGINS: readonly DlthubPlugin[] = [
  profilesPlugin,
  duckdb,
  motherduck,
  postgres,
  snowflake,
  bigquery,
  filesystem,
];

/**
 * Plugins are read from disk (the package.json above the tree root): a plugin module has to be
 * loadable to count, which a file that exists only in the tree is not. A listed plugin that fails
 * to load is a warning, so generators that do not need it keep working (as the CLI does).
 */
export function loadGeneratorRegistry(tree: Tree): Registry {
  const loaded = loadPlugins({ startDir: tree.root, builtins: BUILTIN_PLUGINS });
  for (const error of loaded.errors) logger.warn(`${error.message}${error.hint ? `\n${error.hint}` : ''}`);
  return loaded.registry;
}
