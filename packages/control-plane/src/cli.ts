import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applySeed, describeSeedSummary, readSeedFile } from './seed';
import { startControlPlane } from './server';
import { openStore } from './store/open';
import { databaseUrlEnv, redactDatabaseUrl } from './store/postgres';

const usage = `Usage:
  dlthub-control-plane [--port 0] [--host 127.0.0.1] --data-dir <dir> [--database-url <url>] [--seed <file.json>]
                       [--poll-interval <s>] [--device-code-ttl <s>] [--token-ttl <s>] [--quiet]
                       [--github-client-id <id> [--github-client-secret-file <file>] [--github-url <url>]]
                       [--public-url <url>] [--secrets-key-file <file>] [--demo-sign-in]
                       [--uploads-per-hour <n>] [--python <interpreter>] [--runs-dir <dir>]
  dlthub-control-plane seed (--data-dir <dir> | --database-url <url>) --file <file.json>

Serves the dltHub /api/v1 API and the device approval page (/device). Prints the URL it listens
on as the first line of stdout; logs go to stderr. Stop it with Ctrl+C (SIGINT) or SIGTERM.
Run "seed" while the server is stopped, or pass --seed when starting it.

State lives in SQLite (<data-dir>/control-plane.sqlite) unless --database-url postgres://… (or
$DLTHUB_CONTROL_PLANE_DATABASE_URL) names a PostgreSQL database, which several instances may share
(give them all the same secrets key). A data dir written by an older version (state.json) is
imported on first start and its files renamed *.migrated.

Uploaded secrets are encrypted at rest (AES-256-GCM) with the key in --secrets-key-file, else in
$DLTHUB_CONTROL_PLANE_SECRETS_KEY (base64, 32 bytes), else in <data-dir>/secrets.key (made 0600 on
first start). Keep a copy of the key: without it the stored configurations cannot be read.

Sign-in on the approval page: GitHub's OAuth web flow with --github-client-id (the client secret
from the file given by --github-client-secret-file or the DLTHUB_GITHUB_CLIENT_SECRET environment
variable; --github-url for GitHub Enterprise Server). --demo-sign-in adds a username-only sign-in
for demos and tests; it is refused unless --host is a loopback address.

Job runs are Python processes on this machine, extracted into --runs-dir (default <data-dir>/runs),
started with --python (else uv for a project with pyproject.toml, the run's .venv, or python3).`;

export const githubClientSecretEnv = 'DLTHUB_GITHUB_CLIENT_SECRET';

function githubSettings(values: {
  'github-client-id'?: string;
  'github-client-secret-file'?: string;
  'github-url'?: string;
}) {
  const clientId = values['github-client-id'];
  if (!clientId) {
    if (values['github-client-secret-file'] || values['github-url'])
      throw new UsageError('--github-client-secret-file and --github-url need --github-client-id.');
    return undefined;
  }
  const file = values['github-client-secret-file'];
  const clientSecret = file ? readFileSync(resolve(file), 'utf8').trim() : process.env[githubClientSecretEnv]?.trim();
  if (!clientSecret)
    throw new UsageError(
      `--github-client-id needs the client secret in --github-client-secret-file <file> or $${githubClientSecretEnv}.`,
    );
  const url = values['github-url'] ?? 'https://github.com';
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--github-url must be an http(s) URL, got "${url}".`);
  return { clientId, clientSecret, url: url.replace(/\/+$/, '') };
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got "${value}".`);
  return parsed;
}

class UsageError extends Error {}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      seed: { type: 'string' },
      'poll-interval': { type: 'string' },
      'device-code-ttl': { type: 'string' },
      'token-ttl': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'demo-sign-in': { type: 'boolean', default: false },
      'github-client-id': { type: 'string' },
      'github-client-secret-file': { type: 'string' },
      'github-url': { type: 'string' },
      'public-url': { type: 'string' },
      'secrets-key-file': { type: 'string' },
      'uploads-per-hour': { type: 'string' },
      python: { type: 'string' },
      'runs-dir': { type: 'string' },
    },
    strict: true,
  });
  const databaseUrl = values['database-url'] ?? (process.env[databaseUrlEnv] || undefined);
  if (!values['data-dir'] && !databaseUrl)
    throw new UsageError('--data-dir <dir> (or --database-url <url>) is required.');
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : undefined;
  const quiet = values.quiet;
  const uploadsPerHour = positiveInt('uploads-per-hour', values['uploads-per-hour']);
  const plane = await startControlPlane({
    port: positiveInt('port', values.port),
    host: values.host,
    dataDir,
    databaseUrl,
    seed: values.seed ? resolve(values.seed) : undefined,
    pollIntervalSeconds: positiveInt('poll-interval', values['poll-interval']),
    deviceCodeTtlSeconds: positiveInt('device-code-ttl', values['device-code-ttl']),
    accessTokenTtlSeconds: positiveInt('token-ttl', values['token-ttl']),
    demoSignIn: values['demo-sign-in'],
    github: githubSettings(values),
    publicUrl: values['public-url'],
    limits:
      uploadsPerHour === undefined ? undefined : { uploadsPerUser: { count: uploadsPerHour, windowSeconds: 3600 } },
    secretsKeyFile: values['secrets-key-file'] ? resolve(values['secrets-key-file']) : undefined,
    python: values.python,
    runsDir: values['runs-dir'] ? resolve(values['runs-dir']) : undefined,
    log: quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${plane.url}\n`);
  const where = databaseUrl ? `database ${redactDatabaseUrl(databaseUrl)}` : `data dir ${dataDir}`;
  process.stderr.write(`dlthub-control-plane listening on ${plane.url} (${where})\n`);
  const shutdown = (signal: string) => {
    process.stderr.write(`received ${signal}, shutting down\n`);
    const forced = setTimeout(() => process.exit(1), 5000);
    forced.unref();
    plane.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // A bug in one request must not take the service down for everyone: log it and keep serving.
  process.on('uncaughtException', (error) => process.stderr.write(`uncaught error: ${error.stack ?? String(error)}\n`));
  process.on('unhandledRejection', (error) =>
    process.stderr.write(`unhandled rejection: ${(error as Error)?.stack ?? String(error)}\n`),
  );
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function seed(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'secrets-key-file': { type: 'string' },
      file: { type: 'string' },
    },
    strict: true,
  });
  const databaseUrl = values['database-url'] ?? (process.env[databaseUrlEnv] || undefined);
  if ((!values['data-dir'] && !databaseUrl) || !values.file)
    throw new UsageError('seed needs --data-dir <dir> (or --database-url <url>) and --file <file.json>.');
  const seedData = readSeedFile(resolve(values.file));
  const store = await openStore({
    dataDir: values['data-dir'] ? resolve(values['data-dir']) : undefined,
    databaseUrl,
    secretsKeyFile: values['secrets-key-file'] ? resolve(values['secrets-key-file']) : undefined,
  });
  const summary = await applySeed(store, seedData).finally(() => store.close());
  process.stderr.write(`${describeSeedSummary(summary)}\n`);
}

export async function main(argv: string[]): Promise<void> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    if (argv[0] === 'seed') await seed(argv.slice(1));
    else await serve(argv[0] === 'serve' ? argv.slice(1) : argv);
  } catch (error) {
    const usageProblem = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`dlthub-control-plane: ${(error as Error).message}\n${usageProblem ? `\n${usage}\n` : ''}`);
    process.exitCode = usageProblem ? 2 : 1;
  }
}
