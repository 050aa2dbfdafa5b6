/** `npm pack` of workspace packages into a directory, all in one npm run. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec';
import type { WorkspacePackage } from './repo';

interface PackJsonEntry {
  name: string;
  filename: string;
}

/** Packs the given (built) packages; returns package name → absolute tarball path. */
/** A tarball of an unbuilt package installs but fails at the first require: refuse to pack it. */
export function assertBuilt(packages: readonly WorkspacePackage[]): void {
  const unbuilt = packages.filter((pkg) => {
    const main = (JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf-8')) as { main?: string }).main;
    return main !== undefined && !existsSync(join(pkg.dir, main));
  });
  if (unbuilt.length > 0) {
    throw new Error(`Not built: ${unbuilt.map((pkg) => pkg.name).join(', ')}. Run \`npx nx run-many -t build\` first.`);
  }
}

export function packPackages(root: string, packages: readonly WorkspacePackage[], outDir: string): Map<string, string> {
  assertBuilt(packages);
  const args = ['pack', '--json', '--pack-destination', outDir, ...packages.flatMap((pkg) => ['-w', pkg.name])];
  const result = run('npm', args, { cwd: root });
  const entries = JSON.parse(result.stdout) as PackJsonEntry[];
  const tarballs = new Map(entries.map((entry) => [entry.name, join(outDir, entry.filename)]));
  const missing = packages.filter((pkg) => !tarballs.has(pkg.name));
  if (missing.length > 0)
    throw new Error(`npm pack produced no tarball for ${missing.map((pkg) => pkg.name).join(', ')}.`);
  return tarballs;
}
