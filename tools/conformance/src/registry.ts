/**
 * The registry the runner resolves destinations with: the built-in profiles plugin and the six
 * destination plugins. A package that cannot be loaded, or that does not export its plugin yet,
 * is reported (never skipped): destination cases then fail with that reason.
 */
import { createRegistry, isPlugin, type DlthubPlugin, type Registry } from '@dlthub/config-core';

export const PLUGIN_SOURCES: readonly { module: string; exportName: string }[] = [
  { module: '@dlthub/profiles', exportName: 'profilesPlugin' },
  { module: '@dlthub/destination-duckdb', exportName: 'plugin' },
  { module: '@dlthub/destination-motherduck', exportName: 'plugin' },
  { module: '@dlthub/destination-postgres', exportName: 'plugin' },
  { module: '@dlthub/destination-snowflake', exportName: 'plugin' },
  { module: '@dlthub/destination-bigquery', exportName: 'plugin' },
  { module: '@dlthub/destination-filesystem', exportName: 'plugin' },
];

export interface RunnerRegistry {
  registry: Registry;
  /** `<module>: <why>` for every plugin that could not be loaded. */
  missing: string[];
}

export function loadRunnerRegistry(load: (module: string) => unknown = require): RunnerRegistry {
  const plugins: DlthubPlugin[] = [];
  const missing: string[] = [];
  for (const source of PLUGIN_SOURCES) {
    try {
      const exported = (load(source.module) as Record<string, unknown>)[source.exportName];
      if (isPlugin(exported)) plugins.push(exported);
      else missing.push(`${source.module}: does not export a plugin named "${source.exportName}"`);
    } catch (error) {
      missing.push(`${source.module}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { registry: createRegistry(plugins), missing };
}
