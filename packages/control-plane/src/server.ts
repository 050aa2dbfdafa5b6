import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { defaultSettings, type Context, type ControlPlaneSettings } from './context';
import type { GitHubOAuthSettings } from './github';
import { answerClientError, answerError } from './guard';
import { sendError } from './http';
import { createRateLimiters, defaultLimits, type Limits } from './rate-limit';
import { purgeExpired } from './purge';
import { parseRequestTarget } from './request-target';
import { createRouter } from './router';
import { apiKeyRoutes } from './routes/api-keys';
import { configurationRoutes } from './routes/configurations';
import { deploymentRoutes } from './routes/deployments';
import { deviceRoutes } from './routes/device';
import { identityRoutes } from './routes/identity';
import { jobRoutes } from './routes/jobs';
import { runRoutes } from './routes/runs';
import { pageRoutes } from './routes/pages';
import { uiRoutes } from './routes/ui';
import { workspaceRoutes } from './routes/workspaces';
import { applySeed, readSeedFile, type Seed } from './seed';
import { openStore } from './store/open';
import { failInterruptedRuns } from './runs/run-records';
import { RunService } from './runs/run-service';
import { LocalProcessExecutor, type Executor } from '@dlthub/runner';
import { Scheduler, systemClock, type Clock } from '@dlthub/scheduler';
import { ControlPlaneSchedulerStore } from './scheduling/scheduler-store';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from './store/types';

export interface ControlPlaneOptions extends Partial<ControlPlaneSettings> {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** SQLite database, generated secrets key, and an old `state.json` to import. Optional with `databaseUrl`. */
  dataDir?: string;
  /** `postgres://…`: keep the state in PostgreSQL (several instances may share it). */
  databaseUrl?: string;
  /** Environment for `$DLTHUB_CONTROL_PLANE_DATABASE_URL` and the secrets key (defaults to `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** A seed (or the path of a seed JSON file) applied before the server listens. */
  seed?: Seed | string;
  /** Time of requests and records (default: the clock's). */
  now?: () => Date;
  /** The scheduler's clock (default the system clock); tests and benchmarks move a `ManualClock` by hand. */
  clock?: Clock;
  /** Longest time between the scheduler's scans of the jobs (default 30 s; deploys wake it at once). */
  schedulerPollIntervalMs?: number;
  /** Username-only sign-in on the approval page (demos and tests); refused unless `host` is loopback. */
  demoSignIn?: boolean;
  /** File holding the base64 AES-256 key for secrets at rest (else env, else `<data-dir>/secrets.key`). */
  secretsKeyFile?: string;
  /** How often expired codes, sessions and tokens are purged (default 60 s). */
  purgeIntervalSeconds?: number;
  /** Rate limits (defaults in `defaultLimits`). */
  limits?: Partial<Limits>;
  /** Sign in with GitHub's OAuth web flow. */
  github?: GitHubOAuthSettings;
  /** The URL users reach the server at when it sits behind a proxy (`https://…` makes cookies `Secure`). */
  publicUrl?: string;
  /** Interpreter of job runs (else uv, the run's .venv, or python3). */
  python?: string;
  /**
   * What runs the jobs (default: `LocalProcessExecutor`, Python processes on this machine; then `python`,
   * `runsDir`, `defaultRunTimeoutSeconds` and `runGracePeriodSeconds` configure it). Benchmarks pass a simulated one.
   */
  executor?: Executor;
  /** Where runs are extracted (default `<data-dir>/runs`, else a temp folder). */
  runsDir?: string;
  /** Batch run limit when a job declares no `execute.timeout` (default 7200 s, as the platform). */
  defaultRunTimeoutSeconds?: number;
  /** Seconds between SIGTERM and SIGKILL when a job declares no grace period (default 30). */
  runGracePeriodSeconds?: number;
  /** One line per request (method, path without query, status, ms); defaults to silence. */
  log?: (line: string) => void;
}

export interface RunningControlPlane {
  url: string;
  store: Store;
  /** Fires the jobs on their triggers (started with the server, stopped by `close`). */
  scheduler: Scheduler;
  /** Purges expired records now (the server also does so every `purgeIntervalSeconds`). */
  purge: () => ReturnType<typeof purgeExpired>;
  close: () => Promise<void>;
}

const healthRoute = {
  method: 'GET' as const,
  path: '/healthz',
  handle: ({ res }: { res: ServerResponse }) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
  },
};

/** How long `close()` lets in-flight requests finish before cutting their connections. */
const closeGraceMs = 2000;

/** Loopback hosts only: the username-only demo sign-in must never be reachable from another machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The variables a run inherits from the control plane's environment: where programs are, and the locale. */
const inheritedRunVariables = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'PYTHONPATH', 'DLTHUB_PYTHON'];

function runEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of inheritedRunVariables) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

export async function startControlPlane(options: ControlPlaneOptions): Promise<RunningControlPlane> {
  const host = options.host ?? '127.0.0.1';
  if (options.demoSignIn && !isLoopbackHost(host)) {
    throw new Error(
      `--demo-sign-in signs anyone in by username and is only allowed on a loopback address, not on ${host}.`,
    );
  }
  const seed = typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed;
  const store = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    secretsKeyFile: options.secretsKeyFile,
    env: options.env,
  });
  const clock = options.clock ?? systemClock;
  const now = options.now ?? (() => clock.now());
  try {
    if (seed !== undefined) await applySeed(store, seed, now());
  } catch (error) {
    await store.close();
    throw error;
  }
  try {
    // No process of an earlier start runs any more: what it left active did not finish.
    await store.write((tx) => failInterruptedRuns(tx, now()));
  } catch (error) {
    await store.close();
    throw error;
  }
  const runs = new RunService({
    store,
    executor:
      options.executor ??
      new LocalProcessExecutor({
        runsDir:
          options.runsDir ?? join(options.dataDir ?? tmpdir(), options.dataDir ? 'runs' : 'dlthub-control-plane-runs'),
        // Runs get a plain environment: the control plane's own holds database URLs and keys.
        env: runEnvironment(options.env ?? process.env),
        defaultBatchTimeoutSeconds: options.defaultRunTimeoutSeconds ?? 7200,
        defaultGracePeriodSeconds: options.runGracePeriodSeconds ?? 30,
      }),
    python: options.python,
    log: (line) => options.log?.(line),
  });
  const scheduler = new Scheduler({
    store: new ControlPlaneSchedulerStore(store, runs, now),
    clock,
    pollIntervalMs: options.schedulerPollIntervalMs,
    onError: (error) => options.log?.(`scheduler: ${(error as Error).message ?? String(error)}`),
  });
  let baseUrl = '';
  const ctx: Context = {
    store,
    now,
    settings: {
      deviceCodeTtlSeconds: options.deviceCodeTtlSeconds ?? defaultSettings.deviceCodeTtlSeconds,
      pollIntervalSeconds: options.pollIntervalSeconds ?? defaultSettings.pollIntervalSeconds,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? defaultSettings.accessTokenTtlSeconds,
      sessionTtlSeconds: options.sessionTtlSeconds ?? defaultSettings.sessionTtlSeconds,
      demoSignIn: options.demoSignIn ?? defaultSettings.demoSignIn,
      github: options.github,
    },
    baseUrl: () => options.publicUrl?.replace(/\/+$/, '') ?? baseUrl,
    listenUrl: () => baseUrl,
    limiters: createRateLimiters({ ...defaultLimits, ...options.limits }, () => now().getTime()),
    runs,
    scheduler,
  };
  const route = createRouter([
    healthRoute,
    ...deviceRoutes,
    ...identityRoutes,
    ...workspaceRoutes,
    ...apiKeyRoutes,
    ...configurationRoutes,
    ...deploymentRoutes,
    ...jobRoutes,
    ...runRoutes,
    ...pageRoutes,
    ...uiRoutes,
  ]);
  const log = options.log;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    let pathname = '(unparsed)';
    // Stream errors (resets, aborted bodies) must never become uncaught 'error' events.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      const url = parseRequestTarget(req.url);
      pathname = url.pathname;
      const { route: matched, params } = route(req.method ?? 'GET', url.pathname);
      await matched.handle({ ctx, req, res, params, url });
    } catch (error) {
      answerError(res, error, (line) => log?.(`error handling ${req.method} ${pathname}: ${line}`));
    } finally {
      // Only the path: query strings may carry user codes.
      log?.(`${req.method} ${pathname} ${res.statusCode} ${Date.now() - started}ms`);
    }
  }

  const server = createServer((req, res) => {
    // The last line of defence: whatever escapes `handle` is a 500 and a log line, never an exit.
    handle(req, res).catch((error: unknown) =>
      answerError(res, error, (line) => process.stderr.write(`dlthub-control-plane: ${line}\n`)),
    );
  });
  // Requests Node cannot even parse (bad request lines, huge headers, half-open sockets) still get
  // the error shape when the socket can take an answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => answerClientError(error, socket));
  // CONNECT is not ours to serve (Node would otherwise drop the socket without a word).
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    answerClientError(Object.assign(new Error('CONNECT'), { code: 'CONNECT' }), socket),
  );
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
    sendError(res, 417, `Expectation "${String(req.headers.expect)}" is not supported.`),
  );
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${shownHost}:${address.port}`;

  const purgeTimer = setInterval(
    () => void purgeExpired(ctx).catch((error: unknown) => log?.(`purge failed: ${String(error)}`)),
    (options.purgeIntervalSeconds ?? 60) * 1000,
  );
  purgeTimer.unref();
  scheduler.start();

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    store,
    scheduler,
    purge: () => purgeExpired(ctx),
    close: () => {
      clearInterval(purgeTimer);
      // The scheduler stops first: runs cancelled by the shutdown fire no follow-ups.
      scheduler.stop();
      closing ??= scheduler
        .idle()
        .then(() => runs.close())
        .then(
          () =>
            new Promise<void>((resolve, reject) => {
              server.close((error) => (error ? reject(error) : resolve()));
              server.closeIdleConnections();
              // Requests still running get a grace period, then their connections are cut.
              setTimeout(() => server.closeAllConnections(), closeGraceMs).unref();
            }),
        )
        .then(() => store.close());
      return closing;
    },
  };
}
