/**
 * A fresh Nx workspace outside the monorepo with the packed tarballs installed from disk and
 * everything else from the registry, as a user's repository would have them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunOptions, type RunResult } from './exec';
import { packPackages } from './pack';
import { writeLocalPrebuilds } from './prebuilds';
import { repoNxVersion, repoRoot, workspacePackages } from './repo';

export interface ConsumerOptions {
  dir: string;
  nxVersion: string;
  /** Package name → tarball path; all installed in one `npm install` (they depend on each other). */
  tarballs: ReadonlyMap<string, string>;
  /** Environment of the install (the local prebuilds of `packRepository`). */
  installEnv?: Record<string, string>;
  /** Registry packages besides nx, name → version range. */
  extraDependencies?: Record<string, string>;
  /** Extra root package.json fields (e.g. `workspaces`). */
  packageJson?: Record<string, unknown>;
}

export interface ConsumerWorkspace {
  dir: string;
  installMs: number;
  /** `npx nx ...` in the workspace. */
  nx(args: readonly string[], options?: Partial<RunOptions>): RunResult;
  /** `npx dlthub ...` (the installed CLI) in `cwd` (default: the workspace root). */
  dlthub(args: readonly string[], options?: Partial<RunOptions>): RunResult;
}

export function consumerHandle(dir: string, installMs = 0): ConsumerWorkspace {
  return {
    dir,
    installMs,
    nx: (args, options) => run('npx', ['--no-install', 'nx', ...args], { cwd: dir, ...options }),
    dlthub: (args, options) => run('npx', ['--no-install', 'dlthub', ...args], { cwd: dir, ...options }),
  };
}

export function createConsumerWorkspace(options: ConsumerOptions): ConsumerWorkspace {
  mkdirSync(options.dir, { recursive: true });
  const dependencies: Record<string, string> = { nx: options.nxVersion, ...options.extraDependencies };
  for (const [name, tarball] of options.tarballs) dependencies[name] = `file:${tarball}`;
  const packageJson = {
    name: 'consumer',
    version: '0.0.0',
    private: true,
    ...options.packageJson,
    devDependencies: dependencies,
  };
  writeFileSync(join(options.dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(
    join(options.dir, 'nx.json'),
    `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json', analytics: false }, null, 2)}\n`,
  );
  writeFileSync(join(options.dir, '.gitignore'), 'node_modules\n.nx\n');
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: options.dir,
    env: options.installEnv,
    timeoutMs: 300_000,
  });
  return consumerHandle(options.dir, install.durationMs);
}

export interface PackedRepository {
  tarballs: Map<string, string>;
  /** The environment that lets an `npm install` of the tarballs find the native addon prebuilt (see prebuilds.ts). */
  installEnv: Record<string, string>;
  packMs: number;
}

/** Packs every publishable package of this repository (they must be built) into `outDir`. */
export function packRepository(outDir: string): PackedRepository {
  const root = repoRoot();
  mkdirSync(outDir, { recursive: true });
  const started = process.hrtime.bigint();
  const tarballs = packPackages(root, workspacePackages(root), outDir);
  const packMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { tarballs, installEnv: writeLocalPrebuilds(root, join(outDir, 'prebuilds')), packMs };
}

/** `packRepository` into `<baseDir>/tarballs`, then a fresh Nx workspace at `<baseDir>/consumer` with them. */
export function createPackedConsumer(
  baseDir: string,
  options: Pick<ConsumerOptions, 'extraDependencies' | 'packageJson'> & { nxVersion?: string } = {},
): ConsumerWorkspace & { packMs: number } {
  const { tarballs, installEnv, packMs } = packRepository(join(baseDir, 'tarballs'));
  const { nxVersion = repoNxVersion(), ...rest } = options;
  const workspace = createConsumerWorkspace({
    dir: join(baseDir, 'consumer'),
    nxVersion,
    tarballs,
    installEnv,
    ...rest,
  });
  return { ...workspace, packMs };
}

export interface NxWorkspaceOptions {
  /** Folder the workspace is created in (as `<baseDir>/<name>`). */
  baseDir: string;
  name: string;
  /** `create-nx-workspace` version (the Nx version of the new repository). */
  nxVersion: string;
  tarballs: ReadonlyMap<string, string>;
  /** Environment of the tarballs' install (the local prebuilds of `packRepository`). */
  installEnv?: Record<string, string>;
}

/**
 * A repository as users start one: `npx create-nx-workspace@<v> --preset=ts` (npm workspaces, TS
 * project references, @nx/js), then every packed tarball as devDependencies in one `npm install`
 * (they depend on each other and are not on the registry), committed so `nx affected` has a base.
 */
export function createNxWorkspace(options: NxWorkspaceOptions): ConsumerWorkspace {
  mkdirSync(options.baseDir, { recursive: true });
  const started = process.hrtime.bigint();
  run(
    'npx',
    [
      '-y',
      `create-nx-workspace@${options.nxVersion}`,
      options.name,
      '--preset=ts',
      '--nxCloud=skip',
      '--interactive=false',
      '--packageManager=npm',
    ],
    { cwd: options.baseDir, timeoutMs: 900_000 },
  );
  const dir = join(options.baseDir, options.name);
  run(
    'npm',
    [
      'install',
      '-D',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...[...options.tarballs.values()].map((t) => `file:${t}`),
    ],
    { cwd: dir, env: options.installEnv, timeoutMs: 600_000 },
  );
  const git = (args: string[]) => run('git', args, { cwd: dir });
  git(['add', '-A']);
  git(['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'dlthub packages']);
  return consumerHandle(dir, Number(process.hrtime.bigint() - started) / 1e6);
}
