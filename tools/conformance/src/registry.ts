/**
 * The registry the runner resolves destinations with: the built-in plugin set. A plugin that
 * cannot be loaded is reported (never skipped): destination cases then fail with that reason.
 */
import { createRegistry, type Registry } from '@dlthub/config-core';
import { loadBuiltinPlugins } from '@dlthub/builtin-plugins';

export interface RunnerRegistry {
  registry: Registry;
  /** `<module>: <why>` for every plugin that could not be loaded. */
  missing: string[];
}

export function loadRunnerRegistry(load?: (module: string) => unknown): RunnerRegistry {
  const { plugins, failures } = loadBuiltinPlugins(load);
  return { registry: createRegistry(plugins), missing: failures };
}
