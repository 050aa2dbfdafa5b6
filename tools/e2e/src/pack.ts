/** `npm pack` of workspace packages into a directory, all in one npm run. */
import { join } from 'node:path';
import { run } from './exec';
import type { WorkspacePackage } from './repo';

interface PackJsonEntry {
  name: string;
  filename: string;
}

/** Packs the given (built) packages; returns package name → absolute tarball path. */
export function packPackages(root: string, packages: readonly WorkspacePackage[], outDir: string): Map<string, string> {
  const args = ['pack', '--json', '--pack-destination', outDir, ...packages.flatMap((pkg) => ['-w', pkg.name])];
  const result = run('npm', args, { cwd: root });
  const entries = JSON.parse(result.stdout) as PackJsonEntry[];
  const tarballs = new Map(entries.map((entry) => [entry.name, join(outDir, entry.filename)]));
  const missing = packages.filter((pkg) => !tarballs.has(pkg.name));
  if (missing.length > 0) throw new Error(`npm pack produced no tarball for ${missing.map((pkg) => pkg.name).join(', ')}.`);
  return tarballs;
}
