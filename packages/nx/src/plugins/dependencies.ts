/**
 * Graph edges of dltHub workspace projects, so `nx affected` follows what changes their behaviour:
 * - the plugin packages listed in `dlthub.plugins` of the nearest package.json above the workspace
 *   (the CLI loads exactly those): to the Nx project that holds the package, else to its npm node;
 * - Python imports: a workspace that imports the package of another workspace project depends on it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import type {
  CreateDependencies,
  CreateDependenciesContext,
  DependencyType,
  RawProjectGraphDependency,
} from '@nx/devkit';

/** Tag of every inferred workspace project; the edges below start at the projects carrying it. */
export const WORKSPACE_TAG = 'dlthub:workspace';

// The enum's values, without loading @nx/devkit into the plugin worker.
const IMPLICIT = 'implicit' as DependencyType.implicit;
const STATIC = 'static' as DependencyType.static;

interface PackageJson {
  name?: string;
  dlthub?: { plugins?: unknown };
}

function readPackageJson(file: string): PackageJson | null {
  try {
    return JSON.parse(readFileSync(file, 'utf-8')) as PackageJson;
  } catch {
    return null;
  }
}

/** Nearest package.json at or above `dir` (inside the repository) that lists plugins: its dir and modules. */
function pluginManifest(
  workspaceRoot: string,
  projectRoot: string,
  cache: Map<string, { dir: string; modules: string[] } | null>,
): { dir: string; modules: string[] } | null {
  const visited: string[] = [];
  let dir = resolve(workspaceRoot, projectRoot);
  let found: { dir: string; modules: string[] } | null = null;
  for (;;) {
    if (cache.has(dir)) {
      found = cache.get(dir) ?? null;
      break;
    }
    visited.push(dir);
    const plugins = readPackageJson(join(dir, 'package.json'))?.dlthub?.plugins;
    if (Array.isArray(plugins)) {
      found = { dir, modules: plugins.filter((name): name is string => typeof name === 'string' && name !== '') };
      break;
    }
    const parent = dirname(dir);
    if (dir === resolve(workspaceRoot) || parent === dir) break;
    dir = parent;
  }
  for (const seen of visited) cache.set(seen, found);
  return found;
}

const isPathSpecifier = (specifier: string) => specifier.startsWith('.') || specifier.startsWith('/');

function projectsByPackageName(context: CreateDependenciesContext): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [name, project] of Object.entries(context.projects)) {
    const packageName =
      (project.metadata as { js?: { packageName?: string } } | undefined)?.js?.packageName ??
      readPackageJson(join(context.workspaceRoot, project.root, 'package.json'))?.name;
    if (packageName) byName.set(packageName, name);
  }
  return byName;
}

function pluginDependencies(context: CreateDependenciesContext, workspaces: string[]): RawProjectGraphDependency[] {
  const byRoot = new Map(Object.entries(context.projects).map(([name, project]) => [project.root, name]));
  const byPackage = projectsByPackageName(context);
  const cache = new Map<string, { dir: string; modules: string[] } | null>();
  const edges: RawProjectGraphDependency[] = [];
  for (const source of workspaces) {
    const manifest = pluginManifest(context.workspaceRoot, context.projects[source].root, cache);
    for (const specifier of manifest?.modules ?? []) {
      let target: string | undefined;
      if (isPathSpecifier(specifier)) {
        const root = relative(context.workspaceRoot, resolve(manifest!.dir, specifier)).split('\\').join('/');
        target = byRoot.get(root === '' ? '.' : root);
      } else {
        target =
          byPackage.get(specifier) ?? (context.externalNodes?.[`npm:${specifier}`] ? `npm:${specifier}` : undefined);
      }
      if (target !== undefined && target !== source) {
        edges.push({ source, target, type: IMPLICIT });
      }
    }
  }
  return edges;
}

/** `[project] name` of a pyproject.toml as an import name (PEP 503 normalised, `-` → `_`). */
function pyprojectModule(text: string): string | null {
  let inProject = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) inProject = header[1].trim() === 'project';
    else if (inProject) {
      const name = /^\s*name\s*=\s*["']([^"']+)["']/.exec(line);
      if (name) return name[1].toLowerCase().replace(/[-.]+/g, '_');
    }
  }
  return null;
}

const IMPORT =
  /^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)[\w.]*[ \t]+import\b|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*))/gm;

/** Top-level module names a Python file imports (absolute imports only). */
export function importedModules(source: string): Set<string> {
  const modules = new Set<string>();
  for (const match of source.matchAll(IMPORT)) {
    if (match[1]) modules.add(match[1]);
    else for (const name of match[2].split(',')) modules.add(name.trim().split('.')[0]);
  }
  return modules;
}

/** Python files of a project that belong to it (not a virtualenv or cache inside it). */
function ownPythonFiles(context: CreateDependenciesContext, project: string): string[] {
  return (context.fileMap.projectFileMap[project] ?? [])
    .map((file) => file.file)
    .filter((file) => file.endsWith('.py') && !/(^|\/)(\.venv|venv|site-packages|__pycache__|\.dlt)\//.test(file));
}

function pythonDependencies(context: CreateDependenciesContext, workspaces: string[]): RawProjectGraphDependency[] {
  // Which project provides which importable module: its pyproject name and its top-level packages.
  const provider = new Map<string, string>();
  for (const project of workspaces) {
    const root = context.projects[project].root;
    try {
      const module = pyprojectModule(readFileSync(join(context.workspaceRoot, root, 'pyproject.toml'), 'utf-8'));
      if (module) provider.set(module, project);
    } catch {
      // no pyproject.toml
    }
    for (const file of ownPythonFiles(context, project)) {
      const inRoot = posix.relative(root === '.' ? '' : root, file).split('/');
      const packageDir = inRoot[0] === 'src' ? inRoot.slice(1) : inRoot;
      if (packageDir.length === 2 && packageDir[1] === '__init__.py') provider.set(packageDir[0], project);
    }
  }
  const edges: RawProjectGraphDependency[] = [];
  for (const source of workspaces) {
    for (const file of ownPythonFiles(context, source)) {
      let text: string;
      try {
        text = readFileSync(join(context.workspaceRoot, file), 'utf-8');
      } catch {
        continue;
      }
      for (const module of importedModules(text)) {
        const target = provider.get(module);
        if (target !== undefined && target !== source) {
          edges.push({ source, target, sourceFile: file, type: STATIC });
        }
      }
    }
  }
  return edges;
}

export const createDependencies: CreateDependencies = (_options, context) => {
  const workspaces = Object.entries(context.projects)
    .filter(([, project]) => project.tags?.includes(WORKSPACE_TAG))
    .map(([name]) => name);
  if (workspaces.length === 0) return [];
  return [...pluginDependencies(context, workspaces), ...pythonDependencies(context, workspaces)];
};
