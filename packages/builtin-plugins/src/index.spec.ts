import { BUILTIN_PLUGIN_MODULES, builtinPlugins, loadBuiltinPlugins } from './index';

describe('built-in plugins', () => {
  it('loads the profiles and the six first-party destinations', () => {
    const plugins = builtinPlugins();
    expect(plugins.map((plugin) => plugin.name)).toEqual([...BUILTIN_PLUGIN_MODULES]);
    expect(plugins.flatMap((plugin) => plugin.destinations.map((d) => d.type)).sort()).toEqual([
      'bigquery',
      'duckdb',
      'filesystem',
      'motherduck',
      'postgres',
      'snowflake',
    ]);
    expect(plugins.flatMap((plugin) => plugin.profiles.map((p) => p.name))).toEqual(['dev', 'tests', 'prod', 'access']);
  });

  it('reports a module that fails to load or exports no plugin, and keeps the others', () => {
    const loaded = loadBuiltinPlugins((module) => {
      if (module.endsWith('duckdb')) throw new Error('Cannot find module\nRequire stack: …');
      return module.endsWith('postgres') ? {} : jest.requireActual(module);
    });
    expect(loaded.failures).toEqual([
      '@dlthub/destination-duckdb: Cannot find module',
      '@dlthub/destination-postgres: does not export a plugin named "plugin"',
    ]);
    expect(loaded.plugins).toHaveLength(BUILTIN_PLUGIN_MODULES.length - 2);
  });
});
