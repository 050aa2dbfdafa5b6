/**
 * The registry the CLI works with: the built-in plugins plus those listed in `dlthub.plugins` of the
 * nearest package.json. Loaded only by commands that need destination types or profile definitions,
 * so `--version` and `config get` never pay for the plugins' schemas.
 */
import type { Registry } from '@dlthub/config-core';

export interface LoadedRegistry {
  registry: Registry;
  /** Plugins that failed to load: reported as warnings, never fatal for unrelated commands. */
  warnings: string[];
}

export function loadCliRegistry(startDir: string): LoadedRegistry {
  const { loadPlugins } = require('@dlthub/config-core') as typeof import('@dlthub/config-core');
  const { builtinPlugins } = require('@dlthub/builtin-plugins') as typeof import('@dlthub/builtin-plugins');
  const loaded = loadPlugins({ startDir, builtins: builtinPlugins() });
  return {
    registry: loaded.registry,
    warnings: loaded.errors.map((error) => `${error.message}${error.hint ? ` (${error.hint})` : ''}`),
  };
}
