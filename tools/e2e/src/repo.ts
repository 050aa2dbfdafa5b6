/** The monorepo this package lives in: its root and its publishable packages. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  workspaces?: string[];
  devDependencies?: Record<string, string>;
}

function readPackageJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf-8')) as PackageJson;
}

export function repoRoot(): string {
  let dir = resolve(__dirname);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && Array.isArray(readPackageJson(candidate).workspaces)) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error(`No workspace root (package.json with "workspaces") above ${__dirname}.`);
    dir = parent;
  }
}

/** Nx version pinned by the monorepo: consumer workspaces use the same one. */
export function repoNxVersion(root = repoRoot()): string {
  const version = readPackageJson(join(root, 'package.json')).devDependencies?.nx;
  if (!version) throw new Error('The root package.json has no nx devDependency.');
  return version;
}

/** Expands the root `workspaces` globs of the form `dir/*` (the only form this repository uses). */
export function workspacePackages(root = repoRoot()): WorkspacePackage[] {
  const globs = readPackageJson(join(root, 'package.json')).workspaces ?? [];
  const packages: WorkspacePackage[] = [];
  for (const glob of globs) {
    if (!glob.endsWith('/*')) throw new Error(`Unsupported workspaces glob "${glob}" (expected "<dir>/*").`);
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifest = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = readPackageJson(manifest);
      if (pkg.name && pkg.version && !pkg.private)
        packages.push({ name: pkg.name, version: pkg.version, dir: join(parent, entry.name) });
    }
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}
