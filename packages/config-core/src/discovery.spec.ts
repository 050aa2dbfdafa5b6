import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { findPluginManifest, loadPlugins, loadRegistry, pluginsExportedBy } from './discovery';
import { DlthubError } from './errors';
import { defineDestination, definePlugin, defineProfile } from './registry';
import { openWorkspace } from './workspace';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Stands in for the first-party plugins, which config-core must not import. */
const builtins = [
  definePlugin({
    name: 'builtin-profiles',
    profiles: [
      defineProfile({ name: 'dev', scope: 'local', description: 'dev profile', usedBy: 'local runs', isDefault: true }),
    ],
  }),
  definePlugin({
    name: 'builtin-duckdb',
    destinations: [
      defineDestination({
        type: 'duckdb',
        description: 'duckdb',
        configSchema: z.object({}),
        credentialsSchemas: [],
        scaffold: { dev: { config: {}, credentials: {} }, prod: { config: {}, credentials: {} } },
      }),
    ],
  }),
];

let tmp: string;
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-discovery-')));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(file: string, content: string | object): string {
  const target = path.join(tmp, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return target;
}

/** A CommonJS module in `<tmp>/node_modules/<name>` whose body is `source`. */
function writeModule(name: string, source: string): void {
  write(`node_modules/${name}/package.json`, { name, version: '1.0.0', main: 'index.js' });
  write(`node_modules/${name}/index.js`, source);
}

/** A plugin as a plain value (what `definePlugin` returns), so fixture modules need no dependencies. */
function pluginSource(name: string, types: string[], exportAs = 'exports.plugin'): string {
  const destinations = types.map((type) => ({ kind: 'destination', type }));
  return `${exportAs} = ${JSON.stringify({ kind: 'plugin', name, destinations, profiles: [], providers: [] })};\n`;
}

function errorOf(fn: () => unknown): DlthubError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DlthubError) return error;
    throw error;
  }
  throw new Error('expected a DlthubError');
}

describe('findPluginManifest', () => {
  it('takes the nearest package.json that lists dlthub.plugins, skipping closer ones that do not', () => {
    const listing = write('package.json', { name: 'mono', dlthub: { plugins: ['a', 'b'] } });
    write('apps/analytics/package.json', { name: 'analytics' });
    fs.mkdirSync(path.join(tmp, 'apps/analytics/ws/.dlt'), { recursive: true });
    expect(findPluginManifest(path.join(tmp, 'apps/analytics/ws'))).toEqual({
      packageJsonPath: listing,
      modules: ['a', 'b'],
    });
  });

  it('falls back to the nearest package.json when none lists plugins', () => {
    write('package.json', { name: 'mono' });
    const nearest = write('apps/analytics/package.json', { name: 'analytics' });
    expect(findPluginManifest(path.join(tmp, 'apps/analytics'))).toEqual({ packageJsonPath: nearest, modules: [] });
  });

  it('rejects a dlthub.plugins that is not a list of names, naming the file', () => {
    const file = write('package.json', { dlthub: { plugins: 'acme-plugin' } });
    const error = errorOf(() => findPluginManifest(tmp));
    expect(error.code).toBe('PluginLoadError');
    expect(error.location?.file).toBe(file);
  });
});

describe('pluginsExportedBy', () => {
  const plugin = definePlugin({ name: 'p' });
  it('accepts `plugin`, `default`, the module itself or any exported plugin', () => {
    expect(pluginsExportedBy({ plugin })).toEqual([plugin]);
    expect(pluginsExportedBy({ default: plugin })).toEqual([plugin]);
    expect(pluginsExportedBy(plugin)).toEqual([plugin]);
    expect(pluginsExportedBy({ acmePlugin: plugin, samePlugin: plugin, other: 1 })).toEqual([plugin]);
    expect(pluginsExportedBy({ definePlugin })).toEqual([]);
    expect(pluginsExportedBy(undefined)).toEqual([]);
  });
});

describe('loadPlugins', () => {
  it('returns the built-ins when no package.json lists plugins', () => {
    write('package.json', { name: 'plain' });
    const loaded = loadPlugins({ startDir: tmp, builtins });
    expect(loaded.errors).toEqual([]);
    expect(loaded.plugins.map((p) => p.name)).toEqual(['builtin-profiles', 'builtin-duckdb']);
  });

  it('loads listed modules from the package.json location, in any export shape', () => {
    write('package.json', {
      dlthub: { plugins: ['named-export', 'default-export', 'whole-module', '@dlthub/builtin-again'] },
    });
    writeModule('named-export', pluginSource('named-export', ['clickhouse']));
    writeModule('default-export', pluginSource('default-export', ['redshift'], 'exports.default'));
    writeModule('whole-module', pluginSource('whole-module', ['athena'], 'module.exports'));
    // Listing a built-in again is harmless: the first copy stays.
    writeModule('@dlthub/builtin-again', pluginSource('builtin-duckdb', ['duckdb']));
    const loaded = loadPlugins({ startDir: path.join(tmp), builtins });
    expect(loaded.errors).toEqual([]);
    expect(loaded.registry.destinationTypes()).toEqual(['athena', 'clickhouse', 'duckdb', 'redshift']);
    expect(loaded.registry.ownerOf('destination', 'clickhouse')).toBe('named-export');
  });

  it('reports a module that fails to load, naming it and the package.json, and keeps the rest', () => {
    const manifest = write('package.json', { dlthub: { plugins: ['not-installed', 'throws-on-load', 'good'] } });
    writeModule('throws-on-load', "throw new Error('clickhouse driver missing');\n");
    writeModule('good', pluginSource('good', ['clickhouse']));
    const loaded = loadPlugins({ startDir: tmp, builtins });
    expect(loaded.errors.map((e) => e.code)).toEqual(['PluginLoadError', 'PluginLoadError']);
    expect(loaded.errors[0]?.message).toContain('"not-installed"');
    expect(loaded.errors[0]?.message).toContain(manifest);
    expect(loaded.errors[0]?.hint).toContain('npm install not-installed');
    expect(loaded.errors[1]?.message).toContain('"throws-on-load"');
    expect(loaded.errors[1]?.message).toContain('clickhouse driver missing');
    expect(loaded.registry.destinationTypes()).toEqual(['clickhouse', 'duckdb']);
    expect(loaded.registry.defaultProfile()).toBe('dev');
  });

  it('reports a module that exports no plugin', () => {
    const manifest = write('package.json', { dlthub: { plugins: ['not-a-plugin'] } });
    writeModule('not-a-plugin', 'exports.destinations = [];\n');
    const [error] = loadPlugins({ startDir: tmp, builtins }).errors;
    expect(error?.code).toBe('PluginLoadError');
    expect(error?.message).toBe(`Module "not-a-plugin" listed in ${manifest} exports no dlthub plugin.`);
  });

  it('reports two plugins claiming one type, naming both, and keeps the first', () => {
    write('package.json', { dlthub: { plugins: ['acme-clickhouse', 'other-clickhouse', 'duck-clash'] } });
    writeModule('acme-clickhouse', pluginSource('acme-clickhouse', ['clickhouse']));
    writeModule('other-clickhouse', pluginSource('other-clickhouse', ['clickhouse']));
    writeModule('duck-clash', pluginSource('duck-clash', ['duckdb']));
    const loaded = loadPlugins({ startDir: tmp, builtins });
    expect(loaded.errors.map((e) => e.code)).toEqual(['PluginConflict', 'PluginConflict']);
    expect(loaded.errors[0]?.message).toContain('"acme-clickhouse" and "other-clickhouse"');
    expect(loaded.errors[1]?.message).toContain('"builtin-duckdb" and "duck-clash"');
    expect(loaded.registry.ownerOf('destination', 'clickhouse')).toBe('acme-clickhouse');
    expect(loaded.registry.ownerOf('destination', 'duckdb')).toBe('builtin-duckdb');
  });

  it('reports an unreadable package.json and still returns the built-ins', () => {
    const file = write('package.json', '{ "dlthub": ');
    const loaded = loadPlugins({ startDir: tmp, builtins });
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]?.code).toBe('PluginLoadError');
    expect(loaded.errors[0]?.location?.file).toBe(file);
    expect(loaded.registry.destinationTypes()).toEqual(['duckdb']);
  });
});

describe('loadRegistry', () => {
  it('throws the first problem for commands that need every plugin', () => {
    write('package.json', { dlthub: { plugins: ['missing-one'] } });
    expect(errorOf(() => loadRegistry({ startDir: tmp, builtins })).message).toContain('"missing-one"');
  });

  it('returns the registry when everything loads', () => {
    write('package.json', { dlthub: { plugins: ['good'] } });
    writeModule('good', pluginSource('good', ['clickhouse']));
    expect(loadRegistry({ startDir: tmp, builtins }).destinationTypes()).toEqual(['clickhouse', 'duckdb']);
  });
});

describe('a third-party plugin package', () => {
  /** Runs npm hermetically: no inherited npm_* settings, a private cache, no network. */
  function npm(args: string[], cwd: string): string {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
    );
    return execFileSync(
      'npm',
      [...args, '--cache', path.join(tmp, 'npm-cache'), '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd,
        env,
        encoding: 'utf8',
      },
    );
  }

  it('is packed, installed into a project that lists it, and its destination type and profile resolve', () => {
    // The plugin package, as a team would publish it: CommonJS, config-core and zod as peers.
    write('acme-dlthub-plugin/package.json', {
      name: 'acme-dlthub-plugin',
      version: '1.2.0',
      main: 'index.js',
      files: ['index.js'],
      peerDependencies: { '@dlthub/config-core': '*', zod: '^4.0.0' },
    });
    write(
      'acme-dlthub-plugin/index.js',
      `const { z } = require('zod');
const { defineDestination, defineProfile, definePlugin } = require('@dlthub/config-core');

const clickhouse = defineDestination({
  type: 'clickhouse',
  description: 'ClickHouse',
  configSchema: z.object({ dataset_table_separator: z.string().default('___') }),
  credentialsSchemas: [{
    name: 'connection_string',
    description: 'ClickHouse host and user',
    schema: z.object({
      host: z.string(),
      port: z.number().int().default(9440),
      username: z.string().default('default'),
      password: z.string(),
      secure: z.number().int().default(1),
    }),
    secretFields: ['password'],
  }],
  scaffold: {
    dev: { config: {}, credentials: { host: 'localhost', password: '<configure me>' } },
    prod: { config: {}, credentials: { host: '<configure me>', password: '<configure me>' } },
  },
});

const staging = defineProfile({
  name: 'staging',
  scope: 'synced',
  description: 'staging profile, assumed by pre-production jobs',
  usedBy: 'batch jobs on the staging environment',
  fallback: 'prod',
});

exports.plugin = definePlugin({ name: 'acme-dlthub-plugin', destinations: [clickhouse], profiles: [staging] });
`,
    );
    const tarball = npm(['pack', '--pack-destination', tmp], path.join(tmp, 'acme-dlthub-plugin'))
      .trim()
      .split('\n')
      .pop()!;

    // The team's project: lists the plugin, installs the tarball offline, provides the peers from this repo.
    const project = path.join(tmp, 'analytics');
    write('analytics/package.json', { name: 'analytics', private: true, dlthub: { plugins: ['acme-dlthub-plugin'] } });
    npm(['install', '--offline', '--legacy-peer-deps', path.join(tmp, tarball)], project);
    expect(fs.lstatSync(path.join(project, 'node_modules/acme-dlthub-plugin')).isSymbolicLink()).toBe(false);
    fs.mkdirSync(path.join(project, 'node_modules/@dlthub'), { recursive: true });
    fs.symlinkSync(
      path.join(REPO_ROOT, 'packages/config-core'),
      path.join(project, 'node_modules/@dlthub/config-core'),
    );
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules/zod'), path.join(project, 'node_modules/zod'));

    // A workspace inside the project: the plugin is found through the project's package.json.
    write('analytics/pipelines/.dlt/.workspace', '');
    write('analytics/pipelines/.dlt/staging.config.toml', '[destination.warehouse]\ndestination_type = "clickhouse"\n');
    write(
      'analytics/pipelines/.dlt/staging.secrets.toml',
      '[destination.warehouse.credentials]\nhost = "ch.staging.internal"\npassword = "ch-pw"\n',
    );
    const loaded = loadPlugins({ startDir: path.join(project, 'pipelines'), builtins });
    expect(loaded.errors).toEqual([]);
    expect(loaded.registry.destinationTypes()).toEqual(['clickhouse', 'duckdb']);
    expect(loaded.registry.profileNames()).toEqual(['dev', 'staging']);
    expect(loaded.registry.getProfile('staging')).toMatchObject({ scope: 'synced', fallback: 'prod' });

    const workspace = openWorkspace({
      cwd: path.join(project, 'pipelines'),
      env: { DESTINATION__WAREHOUSE__CREDENTIALS__PORT: '9000' },
      globalDir: path.join(tmp, 'global'),
      profile: 'staging',
      registry: loaded.registry,
    });
    expect(workspace.profile).toBe('staging');
    const warehouse = workspace.resolveDestination('warehouse');
    expect(warehouse.destinationType).toBe('clickhouse');
    expect(warehouse.credentials.host).toMatchObject({ value: 'ch.staging.internal', provider: 'secrets.toml' });
    expect(warehouse.credentials.port).toMatchObject({ value: 9000, provider: 'Environment Variables' });
    expect(warehouse.credentials.username).toMatchObject({ value: 'default', provider: 'default' });
    expect(warehouse.secretFields).toEqual(['password']);
  });
});
