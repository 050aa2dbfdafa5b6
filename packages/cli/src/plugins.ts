/**
 * The registry the CLI works with: the built-in plugins plus those listed in `dlthub.plugins` of the
 * nearest package.json. Loaded only by commands that need destination types or profile definitions,
 * so `--version` and `config get` never pay for the plugins' schemas.
 */
import type { DlthubPlugin, Registry } from '@dlthub/config-core';

/** Built-in plugins, required here (not at module top) to keep start-up lean. */
export function builtinPlugins(): DlthubPlugin[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return [
    (require('@dlthub/profiles') as typeof import('@dlthub/profiles')).profilesPlugin,
    (require('@dlthub/destination-duckdb') as typeof import('@dlthub/destination-duckdb')).plugin,
    (require('@dlthub/destination-motherduck') as typeof import('@dlthub/destination-motherduck')).plugin,
    (require('@dlthub/destination-postgres') as typeof import('@dlthub/destination-postgres')).plugin,
    (require('@dlthub/destination-snowflake') as typeof import('@dlthub/destination-snowflake')).plugin,
    (require('@dlthub/destination-bigquery') as typeof import('@dlthub/destination-bigquery')).plugin,
    (require('@dlthub/destination-filesystem') as typeof import('@dlthub/destination-filesystem')).plugin,
  ];
}

export interface LoadedRegistry {
  registry: Registry;
  /** Plugins that failed to load: reported as warnings, never fatal for unrelated commands. */
  warnings: string[];
}

export function loadCliRegistry(startDir: string): LoadedRegistry {
  const { loadPlugins } = require('@dlthub/config-core') as typeof import('@dlthub/config-core');
  const loaded = loadPlugins({ startDir, builtins: builtinPlugins() });
  return {
    registry: loaded.registry,
    warnings: loaded.errors.map((error) => `${error.message}${error.hint ? ` (${error.hint})` : ''}`),
  };
}
