import { BUILTIN_PLUGIN_MODULES, builtinPlugins, loadBuiltinPlugins } from './index';

describe('built-in plugins', () => {
  it('loads the profiles and a destination for every type dlt 1.26 ships', () => {
    const plugins = builtinPlugins();
    expect(plugins.map((plugin) => plugin.name)).toEqual([...BUILTIN_PLUGIN_MODULES]);
    expect(plugins.flatMap((plugin) => plugin.destinations.map((d) => d.type)).sort()).toEqual([
      'athena',
      'bigquery',
      'clickhouse',
      'databricks',
      'destination',
      'dremio',
      'duckdb',
      'ducklake',
      'dummy',
      'fabric',
      'filesystem',
      'lancedb',
      'motherduck',
      'mssql',
      'postgres',
      'qdrant',
      'redshift',
      'snowflake',
      'sqlalchemy',
      'synapse',
      'weaviate',
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
