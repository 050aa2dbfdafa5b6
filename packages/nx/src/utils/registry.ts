/**
 * The registry generators scaffold with: the built-in destination and profile plugins plus every
 * module listed in the root package.json `dlthub.plugins`, exactly as the CLI builds it, so a
 * generator and `dlthub destination add` agree on the known types.
 */
import { logger, type Tree } from '@nx/devkit';
import { loadPlugins, type Registry } from '@dlthub/config-core';
import { builtinPlugins } from '@dlthub/builtin-plugins';

/**
 * Plugins are read from disk (the package.json above the tree root): a plugin module has to be
 * loadable to count, which a file that exists only in the tree is not. A listed plugin that fails
 * to load is a warning, so generators that do not need it keep working (as the CLI does).
 */
export function loadGeneratorRegistry(tree: Tree): Registry {
  const loaded = loadPlugins({ startDir: tree.root, builtins: builtinPlugins() });
  for (const error of loaded.errors) logger.warn(`${error.message}${error.hint ? `\n${error.hint}` : ''}`);
  return loaded.registry;
}
