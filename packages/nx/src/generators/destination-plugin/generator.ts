import { join, posix } from 'node:path';
import {
  generateFiles,
  installPackagesTask,
  readJson,
  updateJson,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { DlthubError, type Registry } from '@dlthub/config-core';
import { addPluginSpecifier, type WithDlthubPlugins } from '../../utils/dlthub-plugins';
import { withHintInMessage } from '../../utils/errors';
import { finishGenerator } from '../../utils/finish';
import { normalizeDirectory } from '../../utils/options';
import { loadGeneratorRegistry } from '../../utils/registry';
import type { DestinationPluginGeneratorSchema } from './schema';

/** dlt destination type names are Python identifiers in lower case (registry rule). */
const DESTINATION_TYPE = /^[a-z][a-z0-9_]*$/;
/** npm package names: optional scope, lower case, URL-safe. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
/** Version range the generated package asks for; the registry checks zod schemas by instance. */
const ZOD_RANGE = '^4.1.0';
/** Node types for the package's typecheck (it uses node:test and require). */
const TYPES_NODE_RANGE = '^20.0.0';

export interface NormalizedDestinationPluginOptions {
  type: string;
  directory: string;
  packageName: string;
  description: string;
  port: number;
  /** What goes into `dlthub.plugins`: a path from the root package.json, resolvable without an install. */
  pluginSpecifier: string;
  /** The root package.json has TypeScript: the package gets a tsconfig and a typecheck script. */
  withTypecheck: boolean;
  /** List the package in the root dlthub.plugins. */
  register: boolean;
}

interface RootPackageJson {
  name?: string;
  workspaces?: string[] | { packages?: string[] };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  dlthub?: { plugins?: unknown };
}

function defaultScope(root: RootPackageJson): string {
  return /^(@[^/]+)\//.exec(root.name ?? '')?.[1] ?? '@dlthub';
}

function coreVersion(): string {
  // Self-reference through the package's exports (not a relative path, which breaks once built).
  return (require('@dlthub/config-core/package.json') as { version: string }).version;
}

export function normalizeOptions(
  tree: Tree,
  options: DestinationPluginGeneratorSchema,
  registry: Registry,
): NormalizedDestinationPluginOptions {
  const type = options.type?.trim() ?? '';
  if (!DESTINATION_TYPE.test(type)) {
    throw new DlthubError('Usage', `Invalid destination type "${type}".`, {
      hint: 'Use dlt\'s type name: lower case letters, digits and "_", starting with a letter (e.g. "clickhouse").',
    });
  }
  const owner = registry.ownerOf('destination', type);
  if (owner) {
    throw new DlthubError('PluginConflict', `Destination type "${type}" is already provided by "${owner}".`, {
      hint: 'Pick another type name, or extend the existing plugin.',
    });
  }
  if (!tree.exists('package.json')) {
    throw new DlthubError('NotFound', 'No package.json at the repository root.', {
      hint: 'The plugin is listed in the root package.json "dlthub.plugins"; run this in an npm/pnpm/yarn workspace.',
    });
  }
  const root = readJson<RootPackageJson>(tree, 'package.json');
  const directory = normalizeDirectory(tree, options.directory ?? `packages/destinations/${type.replace(/_/g, '-')}`);
  if (tree.exists(directory)) {
    throw new DlthubError('Usage', `"${directory}" already exists.`, {
      hint: 'Pass another --directory or remove that folder first.',
    });
  }
  const packageName = options.importPath?.trim() || `${defaultScope(root)}/destination-${type.replace(/_/g, '-')}`;
  if (!PACKAGE_NAME.test(packageName)) {
    throw new DlthubError('Usage', `Invalid package name "${packageName}".`, {
      hint: 'Use a valid npm name, e.g. "@acme/destination-clickhouse".',
    });
  }
  const port = options.port ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DlthubError('Usage', `Invalid --port ${String(options.port)}.`, {
      hint: 'Use a TCP port number between 1 and 65535.',
    });
  }
  const description = options.description?.trim() || `${type} database`;
  const withTypecheck = Boolean(root.devDependencies?.typescript ?? root.dependencies?.typescript);
  return {
    type,
    directory,
    packageName,
    description,
    port,
    pluginSpecifier: `./${directory}`,
    withTypecheck,
    register: options.register ?? true,
  };
}

/** `packages/*` → a RegExp for one path; `**` spans folders, `*` stays within one. */
function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/\/+$/, '')
    .split('/')
    .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return new RegExp(`^${body}$`);
}

/**
 * The package joins the package-manager workspaces, as `@nx/js:library` does: otherwise npm never
 * links it, Nx sees a stray package.json, and its scripts are no targets. Returns whether it changed.
 */
function joinWorkspaces(tree: Tree, directory: string): boolean {
  const root = readJson<RootPackageJson>(tree, 'package.json');
  const globs = Array.isArray(root.workspaces) ? root.workspaces : root.workspaces?.packages;
  if (!globs) return false;
  if (globs.some((glob) => !glob.startsWith('!') && globRegExp(glob).test(directory))) return false;
  const added = `${posix.dirname(directory)}/*`;
  updateJson<RootPackageJson>(tree, 'package.json', (json) => {
    if (Array.isArray(json.workspaces)) return { ...json, workspaces: [...json.workspaces, added] };
    return { ...json, workspaces: { ...json.workspaces, packages: [...globs, added] } };
  });
  return true;
}

export async function destinationPluginGenerator(
  tree: Tree,
  rawOptions: DestinationPluginGeneratorSchema,
): Promise<GeneratorCallback> {
  return withHintInMessage(async () => {
    const options = normalizeOptions(tree, rawOptions, loadGeneratorRegistry(tree));
    generateFiles(tree, join(__dirname, 'files'), options.directory, {
      ...options,
      coreVersion: coreVersion(),
      zodRange: ZOD_RANGE,
      typesNodeRange: TYPES_NODE_RANGE,
    });
    if (!options.withTypecheck) tree.delete(posix.join(options.directory, 'tsconfig.json'));
    const joined = joinWorkspaces(tree, options.directory);
    if (options.register)
      updateJson<WithDlthubPlugins>(tree, 'package.json', (json) => addPluginSpecifier(json, options.pluginSpecifier));
    await finishGenerator(tree, rawOptions);
    // npm links the new workspace package and installs its devDependencies.
    return joined ? () => installPackagesTask(tree, true) : () => undefined;
  });
}

export default destinationPluginGenerator;
