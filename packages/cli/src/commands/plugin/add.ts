/**
 * `dlthub plugin add <module>`: lists a plugin package (or a path to one) in `dlthub.plugins` of the
 * package.json the CLI reads plugins from, after checking that it loads and fits the registry. A
 * module that does not load leaves the file as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Context } from '../../context';
import { usageError } from '../../context';
import { core } from '../../core';

interface PackageJson {
  dlthub?: { plugins?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/** The file's own indentation, so the edit changes only the plugins list. */
function serialize(json: PackageJson, original: string): string {
  const indent = /^([ \t]+)"/m.exec(original)?.[1] ?? '  ';
  return `${JSON.stringify(json, null, indent)}${original.endsWith('\n') ? '\n' : ''}`;
}

export function run(context: Context, [specifier = '']: string[]): void {
  const moduleName = specifier.trim();
  if (moduleName === '')
    throw usageError('plugin add needs a package name or path.', 'e.g. dlthub plugin add @acme/destination-clickhouse');
  const { DlthubError, findPluginManifest, loadPlugins, writeFileAtomic } = core();
  const manifest = findPluginManifest(context.cwd);
  if (!manifest) {
    throw new DlthubError('NotFound', `No package.json at or above ${context.cwd}.`, {
      hint: 'Plugins are listed in the package.json of the repository; run `npm init -y` first.',
    });
  }
  const file = manifest.packageJsonPath;
  const { out } = context;
  if (manifest.modules.includes(moduleName)) {
    out.result({ packageJson: file, plugin: moduleName, added: false, plugins: manifest.modules }, () => [
      `${moduleName} is already listed in ${file} dlthub.plugins.`,
    ]);
    return;
  }
  const { builtinPlugins } = require('@dlthub/builtin-plugins') as typeof import('@dlthub/builtin-plugins');
  const typesBefore = loadPlugins({ startDir: context.cwd, builtins: builtinPlugins() }).registry.destinationTypes();
  const original = fs.readFileSync(file, 'utf8');
  const json = JSON.parse(original) as PackageJson;
  const plugins = [...manifest.modules, moduleName];
  json.dlthub = { ...json.dlthub, plugins };
  writeFileAtomic(file, serialize(json, original));

  const loaded = loadPlugins({ startDir: context.cwd, builtins: builtinPlugins() });
  const problem = loaded.errors.find((error) => error.message.includes(moduleName));
  if (problem) {
    writeFileAtomic(file, original);
    const install =
      moduleName.startsWith('.') || path.isAbsolute(moduleName)
        ? 'Check the path'
        : `Install it first (npm install ${moduleName})`;
    throw new DlthubError('PluginLoadError', `${problem.message} ${path.basename(file)} was left unchanged.`, {
      hint: problem.hint ?? `${install}, then run this again.`,
    });
  }
  const types = loaded.registry.destinationTypes().filter((type) => !typesBefore.includes(type));
  out.result({ packageJson: file, plugin: moduleName, added: true, plugins, destinationTypes: types }, () => [
    `Added ${moduleName} to dlthub.plugins in ${file}${types.length ? ` (destination types: ${types.join(', ')})` : ''}.`,
  ]);
}
