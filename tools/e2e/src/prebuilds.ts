/**
 * The native addon the packed packages need (better-sqlite3, through the control plane), as a user's
 * `npm install` gets it: prebuild-install downloads a prebuilt binary from the addon's GitHub releases.
 * This machine reaches only the npm registry, so without it every consumer install would compile SQLite
 * from source (minutes on two cores). The binary this monorepo's own install built stands in for that
 * download, through prebuild-install's local prebuilds folder (its `<package>_local_prebuilds` npm setting),
 * under the file name it would download. A consumer that resolves another better-sqlite3 version finds no
 * match there and compiles, as it would offline.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './exec';

const ADDON = 'better-sqlite3';
const BINARY = 'build/Release/better_sqlite3.node';

/** Writes the local prebuild into `outDir` and returns the environment that points npm installs at it. */
export function writeLocalPrebuilds(repoRoot: string, outDir: string): Record<string, string> {
  const addonDir = dirname(require.resolve(`${ADDON}/package.json`, { paths: [repoRoot] }));
  if (!existsSync(join(addonDir, BINARY)))
    throw new Error(`${join(addonDir, BINARY)} is missing: run \`npm ci\` at the repository root first.`);
  const { version } = JSON.parse(readFileSync(join(addonDir, 'package.json'), 'utf-8')) as { version: string };
  // prebuild-install's asset name; its libc part is empty on glibc, the only Linux this project runs on.
  const name = `${ADDON}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(outDir, { recursive: true });
  run('tar', ['czf', join(outDir, name), '-C', addonDir, BINARY], { cwd: outDir });
  return { npm_config_better_sqlite3_local_prebuilds: outDir };
}
