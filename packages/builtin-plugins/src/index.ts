/**
 * The plugins every entry point (the CLI, the Nx generators, the conformance runner) starts from:
 * the built-in profiles and the first-party destinations. Listed once, here. Modules are required
 * only when asked for, so a command that needs no registry never loads the plugins' schemas.
 */
import { DlthubError, isPlugin, type DlthubPlugin } from '@dlthub/config-core';

export const BUILTIN_PLUGIN_MODULES = [
  '@dlthub/profiles',
  '@dlthub/destination-duckdb',
  '@dlthub/destination-motherduck',
  '@dlthub/destination-postgres',
  '@dlthub/destination-snowflake',
  '@dlthub/destination-bigquery',
  '@dlthub/destination-filesystem',
  '@dlthub/destination-redshift',
  '@dlthub/destination-clickhouse',
  '@dlthub/destination-databricks',
  '@dlthub/destination-mssql',
  '@dlthub/destination-synapse',
  '@dlthub/destination-fabric',
  '@dlthub/destination-athena',
  '@dlthub/destination-dremio',
  '@dlthub/destination-sqlalchemy',
  '@dlthub/destination-ducklake',
  '@dlthub/destination-lancedb',
  '@dlthub/destination-qdrant',
  '@dlthub/destination-weaviate',
  '@dlthub/destination-dummy',
  '@dlthub/destination-destination',
] as const;

export interface LoadedBuiltins {
  plugins: DlthubPlugin[];
  /** `<module>: <why>` for every built-in that could not be loaded. */
  failures: string[];
}

/** Each built-in module exports its plugin as `plugin`. */
export function loadBuiltinPlugins(load: (module: string) => unknown = require): LoadedBuiltins {
  const plugins: DlthubPlugin[] = [];
  const failures: string[] = [];
  for (const module of BUILTIN_PLUGIN_MODULES) {
    try {
      const exported = (load(module) as { plugin?: unknown }).plugin;
      if (isPlugin(exported)) plugins.push(exported);
      else failures.push(`${module}: does not export a plugin named "plugin"`);
    } catch (error) {
      failures.push(`${module}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { plugins, failures };
}

/** The built-in plugins; a built-in that fails to load is an installation problem, so it throws. */
export function builtinPlugins(): DlthubPlugin[] {
  const { plugins, failures } = loadBuiltinPlugins();
  if (failures.length > 0) {
    throw new DlthubError('PluginLoadError', `Built-in plugin failed to load: ${failures[0]}`, {
      hint: 'Reinstall the dlthub packages (npm ci); their versions must match.',
    });
  }
  return plugins;
}
