/**
 * Plugin discovery: the built-in plugins (passed in by the caller, so config-core never imports a
 * destination package) plus the module names listed in `dlthub.plugins` of the nearest `package.json`
 * above the workspace, resolved from that package's folder. A plugin that cannot be loaded or clashes
 * with another is reported, not thrown, so commands that do not need it keep working.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { DlthubError } from './errors';
import { createRegistry, isPlugin, type DlthubPlugin, type Registry } from './registry';

export interface PluginManifest {
  /** Absolute path of the `package.json`. */
  packageJsonPath: string;
  /** Module names from its `dlthub.plugins` (empty when it lists none). */
  modules: string[];
}

function readManifest(packageJsonPath: string): { manifest: PluginManifest; listsPlugins: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
  } catch (error) {
    throw new DlthubError(
      'PluginLoadError',
      `Cannot read ${packageJsonPath} to find dlthub plugins: ${(error as Error).message}`,
      {
        location: { file: packageJsonPath },
        hint: 'Fix the JSON syntax of that package.json.',
        cause: error,
      },
    );
  }
  const dlthub = (parsed as { dlthub?: { plugins?: unknown } } | null)?.dlthub;
  const plugins = dlthub?.plugins;
  if (plugins === undefined) return { manifest: { packageJsonPath, modules: [] }, listsPlugins: false };
  if (!Array.isArray(plugins) || plugins.some((name) => typeof name !== 'string' || name.length === 0)) {
    throw new DlthubError(
      'PluginLoadError',
      `"dlthub.plugins" in ${packageJsonPath} must be an array of module names.`,
      {
        location: { file: packageJsonPath },
        keyPath: 'dlthub.plugins',
        hint: 'Example: "dlthub": { "plugins": ["@acme/dlthub-destination-clickhouse"] }',
      },
    );
  }
  return { manifest: { packageJsonPath, modules: [...(plugins as string[])] }, listsPlugins: true };
}

/**
 * The nearest `package.json` at or above `startDir` that has a `dlthub.plugins` array, else the nearest
 * `package.json` at all (listing no modules), else null.
 */
export function findPluginManifest(startDir: string): PluginManifest | null {
  let nearest: PluginManifest | null = null;
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const { manifest, listsPlugins } = readManifest(candidate);
      if (listsPlugins) return manifest;
      nearest ??= manifest;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return nearest;
    dir = parent;
  }
}

/** The plugins a module exports: `plugin`, else `default`, else the module itself, else every exported plugin. */
export function pluginsExportedBy(moduleExports: unknown): DlthubPlugin[] {
  if (isPlugin(moduleExports)) return [moduleExports];
  if (typeof moduleExports !== 'object' || moduleExports === null) return [];
  const exported = moduleExports as Record<string, unknown>;
  if (isPlugin(exported.plugin)) return [exported.plugin];
  if (isPlugin(exported.default)) return [exported.default];
  return [...new Set(Object.values(exported).filter(isPlugin))];
}

export interface LoadPluginsOptions {
  /** Where to start looking for `package.json` (the workspace root). */
  startDir: string;
  /** First-party plugins, always present and registered first (profiles, destinations). */
  builtins?: readonly DlthubPlugin[];
}

export interface LoadedPlugins {
  /** Every plugin in the registry, built-ins first, then listed modules in order. */
  plugins: DlthubPlugin[];
  /** Registry of the plugins that loaded without conflict. */
  registry: Registry;
  /** One `PluginLoadError` / `PluginConflict` / `InvalidPlugin` per problem, in discovery order. */
  errors: DlthubError[];
  /** The `package.json` whose `dlthub.plugins` was read, or null when none was found. */
  manifest: PluginManifest | null;
}

function loadModule(name: string, manifest: PluginManifest): DlthubPlugin[] {
  const where = { location: { file: manifest.packageJsonPath }, keyPath: 'dlthub.plugins' };
  let moduleExports: unknown;
  try {
    moduleExports = createRequire(manifest.packageJsonPath)(name);
  } catch (error) {
    const reason = String((error as Error | undefined)?.message ?? error).split('\n')[0];
    throw new DlthubError(
      'PluginLoadError',
      `Plugin "${name}" listed in ${manifest.packageJsonPath} could not be loaded: ${reason}`,
      {
        ...where,
        hint: `Install it next to that package.json (npm install ${name}), or remove it from "dlthub.plugins".`,
        cause: error,
      },
    );
  }
  const plugins = pluginsExportedBy(moduleExports);
  if (plugins.length === 0) {
    throw new DlthubError(
      'PluginLoadError',
      `Module "${name}" listed in ${manifest.packageJsonPath} exports no dlthub plugin.`,
      { ...where, hint: 'Export the value of definePlugin({...}) as `plugin` (or as the default export).' },
    );
  }
  return plugins;
}

/** Adds `plugin` when the registry stays consistent; otherwise returns the conflict. */
function tryAdd(accepted: DlthubPlugin[], plugin: DlthubPlugin, origin: string): DlthubError | null {
  try {
    createRegistry([...accepted, plugin]);
    accepted.push(plugin);
    return null;
  } catch (error) {
    if (!(error instanceof DlthubError)) throw error;
    return new DlthubError(error.code, `${error.message} (${origin})`, {
      hint: error.hint,
      location: error.location,
      keyPath: error.keyPath,
      cause: error,
    });
  }
}

/**
 * Discovers and loads plugins without throwing for a bad one: the registry holds every plugin that
 * loaded and fits; `errors` says what was left out and why.
 */
export function loadPlugins(options: LoadPluginsOptions): LoadedPlugins {
  const accepted: DlthubPlugin[] = [];
  const errors: DlthubError[] = [];
  for (const builtin of options.builtins ?? []) {
    const conflict = tryAdd(accepted, builtin, `built-in plugin "${builtin?.name}"`);
    if (conflict) errors.push(conflict);
  }
  let manifest: PluginManifest | null = null;
  try {
    manifest = findPluginManifest(options.startDir);
  } catch (error) {
    if (!(error instanceof DlthubError)) throw error;
    errors.push(error);
  }
  for (const name of manifest?.modules ?? []) {
    let plugins: DlthubPlugin[];
    try {
      plugins = loadModule(name, manifest!);
    } catch (error) {
      if (!(error instanceof DlthubError)) throw error;
      errors.push(error);
      continue;
    }
    for (const plugin of plugins) {
      // Listing a built-in (or one package twice) is harmless: keep the first copy.
      if (accepted.some((existing) => existing.name === plugin.name)) continue;
      const conflict = tryAdd(accepted, plugin, `"${name}" is listed in ${manifest!.packageJsonPath}`);
      if (conflict) errors.push(conflict);
    }
  }
  return { plugins: accepted, registry: createRegistry(accepted), errors, manifest };
}

/** `loadPlugins` for commands that need every plugin: throws the first problem. */
export function loadRegistry(options: LoadPluginsOptions): Registry {
  const loaded = loadPlugins(options);
  const [firstError] = loaded.errors;
  if (firstError) throw firstError;
  return loaded.registry;
}
