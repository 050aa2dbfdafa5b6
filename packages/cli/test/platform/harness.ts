/**
 * End-to-end harness: a real control-plane process (its bin, port 0, a temp data dir and a seed) and
 * real `dlthub` child processes with a clean environment. Every byte either child writes is kept so
 * that a suite can prove no token, API key or secret ever appeared in any output.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoDecide, spawnControlPlane } from '@dlthub/control-plane';
import { filesIn } from '../helpers';

export const CLI_BIN = path.resolve(__dirname, '..', '..', 'bin', 'dlthub.js');

/** Known plaintext credentials and secrets of the fixture; none may ever show up in output. */
export const fixture = {
  aliceApiKey: 'dlt_u_e2e_alice_key_7f3a9c1d5e2b8f4a6c0d',
  aliceToken: 'dlthub_at_e2e_alice_token_4b8e2f6a1c9d3e7f',
  expiredToken: 'dlthub_at_e2e_expired_token_9c1e5a3f7b2d6e0a',
  prodPassword: 'md-prod-secret-e2e-0d7c4b1a9e6f3a2c',
  accessPassword: 'md-access-secret-e2e-5e2a8c0f3b7d1e9a',
  devPassword: 'dev-only-secret-e2e-3a9f7c2e5b1d8a4c',
  analyticsSecret: 'analytics-secret-e2e-8b4d0f2a6c9e1b3d',
};

export const seed = {
  users: [
    { username: 'alice', email: 'alice@example.test', name: 'Alice' },
    { username: 'bob', name: 'Bob' },
  ],
  organizations: [
    {
      name: 'acme',
      members: [{ username: 'alice', role: 'owner' }],
      workspaces: [
        { name: 'analytics', jobs: ['daily_load', 'hourly_sync'], repository: 'example.test/acme/pipelines' },
        { name: 'marketing' },
      ],
    },
    {
      name: 'beta-corp',
      members: [
        { username: 'alice', role: 'member' },
        { username: 'bob', role: 'owner' },
      ],
      workspaces: [{ name: 'sandbox' }, { name: 'marketing' }],
    },
  ],
  api_keys: [{ username: 'alice', name: 'ci', key: fixture.aliceApiKey }],
  tokens: [
    { username: 'alice', token: fixture.aliceToken },
    { username: 'alice', token: fixture.expiredToken, expires_at: '2020-01-01T00:00:00.000Z' },
  ],
};

/** CLI children still running (a failed test must not leave one polling). */
const running = new Set<ChildProcessWithoutNullStreams>();

export function killRunningClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Every stdout/stderr captured from any child of this test file. */
const captured: string[] = [];
/** Values that must never appear in captured output (fixture secrets plus tokens issued during the run). */
export const secretValues: string[] = Object.values(fixture);

export function allCapturedOutput(): string {
  return captured.join('\n');
}

export function leakedSecrets(): string[] {
  const output = allCapturedOutput();
  return secretValues.filter((secret) => output.includes(secret));
}

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/**
 * A platform test file's `afterAll`: no CLI child left polling, the control plane stopped, no secret in
 * any output of any child (fixture secrets and tokens issued during the run), and the temp root removed.
 */
export async function tearDownPlatformTest(root: string | undefined, plane: ControlPlane | undefined): Promise<void> {
  killRunningClis();
  await plane?.stop();
  expect(leakedSecrets()).toEqual([]);
  if (root) fs.rmSync(root, { recursive: true, force: true });
}

/** What the tests of a platform spec file share: one control plane in a temp root, and its seeded ids. */
export interface SharedPlatform {
  readonly root: string;
  readonly plane: ControlPlane;
  /** The seeded organizations' ids, read from `/me`. */
  readonly orgs: OrgIds;
  /** The id of a seeded workspace, by organization and name, as listed when the control plane started. */
  workspaceId(organization: string, name: string): string;
  /** A sandbox below the root, pointed at the control plane and logged in as alice. */
  loggedInBox(name: string, origin?: string): Sandbox;
  /** Restarts the control plane on the same data dir (new port); `plane` is the new process from then on. */
  restartPlane(): Promise<ControlPlane>;
}

/**
 * Registers the file's `beforeAll` that starts the control plane (`argsIn(root)` gives its extra arguments,
 * and may write what they name into the root) and the `afterAll` of tearDownPlatformTest. The fields are
 * read once `beforeAll` has run, so call this before the file's own hooks.
 */
export function sharedPlatform(prefix: string, argsIn: (root: string) => string[] = () => []): SharedPlatform {
  let root: string | undefined;
  let plane: ControlPlane | undefined;
  let orgs: OrgIds | undefined;
  let workspaces: Array<{ id: string; name: string; organization_name: string }> = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The shared control plane is read before its beforeAll ran.');
    return value;
  };
  beforeAll(async () => {
    root = tempDir(prefix);
    plane = await startControlPlane(path.join(root, 'cp'), argsIn(root));
    orgs = orgIdsOf((await api(plane.url, 'GET', '/api/v1/me')).body.organizations);
    workspaces = (await api(plane.url, 'GET', '/api/v1/workspaces')).body.items;
  });
  afterAll(() => tearDownPlatformTest(root, plane));
  return {
    get root() {
      return started(root);
    },
    get plane() {
      return started(plane);
    },
    get orgs() {
      return started(orgs);
    },
    workspaceId(organization, name) {
      const found = workspaces.find((ws) => ws.organization_name === organization && ws.name === name);
      if (!found) throw new Error(`No seeded workspace ${organization}/${name}.`);
      return found.id;
    },
    loggedInBox(name, origin) {
      const box = sandbox(started(root), name, started(plane).url, origin);
      loggedIn(box);
      return box;
    },
    async restartPlane() {
      plane = await started(plane).restart();
      return plane;
    },
  };
}

export interface ControlPlane {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts a new process on the same data dir (new port): the state must survive. */
  restart(): Promise<ControlPlane>;
}

export async function startControlPlane(dataDir: string, extraArgs: string[] = []): Promise<ControlPlane> {
  const seedFile = path.join(dataDir, '..', `seed-${path.basename(dataDir)}.json`);
  fs.writeFileSync(seedFile, JSON.stringify(seed));
  const spawned = await spawnControlPlane({
    args: ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--seed', seedFile, '--quiet', ...extraArgs],
    demoSignIn: true,
  });
  const url = spawned.url;
  const plane: ControlPlane = {
    url,
    dataDir,
    stop: async () => {
      await spawned.stop();
      const { stdout, stderr } = spawned.output();
      captured.push(stdout, stderr);
    },
    restart: async () => {
      await plane.stop();
      return startControlPlane(dataDir, extraArgs);
    },
  };
  return plane;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stderrSoFar(): string;
  /** Resolves with the first match of `pattern` on stderr (polling the stream, no fixed sleeps). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The first group of `pattern` once stderr matches it. */
  waitForCapture(pattern: RegExp): Promise<string>;
  done: Promise<CliResult>;
}

/** A CLI run on a pseudo-terminal (util-linux `script`), driven by keystrokes. */
export interface TerminalCli {
  /** Resolves once the screen output (ANSI codes stripped) matches `pattern`. */
  waitForScreen(pattern: RegExp): Promise<void>;
  type(keys: string): void;
  /** The screen output so far (ANSI codes stripped). */
  screenSoFar(): string;
  done: Promise<{ code: number | null; screen: string }>;
}

const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;

export interface Sandbox {
  /** Runs `dlthub <args>` with a terminal on stdin/stdout, so prompts appear (`env` adds variables). */
  startInTerminal(args: string[], options?: { env?: Record<string, string> }): TerminalCli;
  dir: string;
  globalDir: string;
  env: Record<string, string>;
  start(args: string[], options?: { env?: Record<string, string>; input?: string }): RunningCli;
  run(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<CliResult>;
  runJson(args: string[], options?: { env?: Record<string, string> }): Promise<any>;
  write(relative: string, content: string): void;
  read(relative: string): string;
  exists(relative: string): boolean;
  git(args: string[]): void;
}

/**
 * A dltHub workspace in a temp dir (written directly, as `dlthub init` makes it), a git repository
 * with `origin` set, its own DLTHUB_GLOBAL_DIR, and a clean env pointing at `apiBaseUrl`.
 */
export function sandbox(root: string, name: string, apiBaseUrl: string, origin?: string): Sandbox {
  const dir = path.join(root, name);
  const globalDir = path.join(root, `${name}-global`);
  fs.mkdirSync(path.join(dir, '.dlt'), { recursive: true });
  fs.mkdirSync(globalDir, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    DLTHUB_GLOBAL_DIR: globalDir,
    RUNTIME__API_BASE_URL: apiBaseUrl,
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const box: Sandbox = {
    dir,
    globalDir,
    env,
    start(args, options = {}) {
      const child = spawn(process.execPath, [CLI_BIN, ...args], {
        cwd: dir,
        env: { ...env, ...options.env },
        stdio: 'pipe',
      });
      running.add(child);
      let stdout = '';
      let stderr = '';
      const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        for (const waiter of [...waiters]) {
          const match = stderr.match(waiter.pattern);
          if (match) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(match);
          }
        }
      });
      child.stdin.end(options.input ?? '');
      const done = new Promise<CliResult>((resolve) =>
        child.once('close', (code) => {
          running.delete(child);
          captured.push(stdout, stderr);
          resolve({ code, stdout, stderr });
        }),
      );
      return {
        child,
        stderrSoFar: () => stderr,
        async waitForCapture(pattern) {
          return capturedGroup(await this.waitForStderr(pattern), pattern);
        },
        waitForStderr: (pattern) =>
          new Promise((resolve, reject) => {
            const match = stderr.match(pattern);
            if (match) return resolve(match);
            waiters.push({ pattern, resolve });
            void done.then((result) =>
              reject(
                new Error(
                  `dlthub ${args.join(' ')} exited (${result.code}) without printing ${pattern}:\n${result.stderr}`,
                ),
              ),
            );
          }),
        done,
      };
    },
    run: (args, options) => box.start(args, options).done,
    startInTerminal(args, options = {}) {
      const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      const command = [process.execPath, CLI_BIN, ...args].map(quote).join(' ');
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        cwd: dir,
        env: { ...env, TERM: 'xterm', ...options.env },
        stdio: 'pipe',
      });
      running.add(child);
      let raw = '';
      const screen = () => raw.replace(ansi, '');
      const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
      child.stdout.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
        for (const waiter of [...waiters]) {
          if (waiter.pattern.test(screen())) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      });
      const done = new Promise<{ code: number | null; screen: string }>((resolve) =>
        child.once('close', (code) => {
          running.delete(child);
          captured.push(raw);
          resolve({ code, screen: screen() });
        }),
      );
      return {
        waitForScreen: (pattern) =>
          new Promise((resolve, reject) => {
            if (pattern.test(screen())) return resolve();
            const timer = setTimeout(
              () =>
                reject(
                  new Error(
                    `dlthub ${args.join(' ')} did not show ${pattern} within 15 s:\n${JSON.stringify(screen())}`,
                  ),
                ),
              15_000,
            );
            waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
            void done.then(() =>
              reject(new Error(`dlthub ${args.join(' ')} ended without showing ${pattern}:\n${screen()}`)),
            );
          }),
        type: (keys) => child.stdin.write(keys),
        screenSoFar: screen,
        done,
      };
    },
    async runJson(args, options) {
      const result = await box.run([...args, '--json'], options);
      if (result.code !== 0) throw new Error(`dlthub ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
      return JSON.parse(result.stdout);
    },
    ...filesIn(dir),
    git(args) {
      const result = spawnSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.test',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.test',
        },
      });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    },
  };
  box.write('.dlt/.workspace', '');
  box.write(
    '.dlt/config.toml',
    '# workspace-wide config\n[runtime]\nlog_level = "WARNING"  # keep quiet\n\n[workspace.settings]\nname = "shop"\n',
  );
  box.write('.dlt/secrets.toml', '# add your dlt secrets here\n');
  box.write('.gitignore', 'secrets.toml\n*.secrets.toml\n.dlt/profile-name\n');
  box.git(['init', '-q', '-b', 'main']);
  if (origin) box.git(['remote', 'add', 'origin', origin]);
  return box;
}

/** Stores a login token the way `dlthub login` does (global secrets.toml, `[runtime] auth_token`). */
export function loggedIn(box: Sandbox, token = fixture.aliceToken): void {
  fs.writeFileSync(path.join(box.globalDir, 'secrets.toml'), `[runtime]\nauth_token = "${token}"\n`, { mode: 0o600 });
}

/** Signs in on the approval page and approves or denies a code, with plain HTTP as a browser would. */
export async function decide(
  baseUrl: string,
  username: string,
  userCode: string,
  action: 'approve' | 'deny',
): Promise<string> {
  const { status, html } = await demoDecide(baseUrl, username, userCode, action);
  if (status !== 200) throw new Error(`approval page answered ${status}: ${html}`);
  return html;
}

/** An authenticated API call of the test itself (to check server state). */
export async function api(
  baseUrl: string,
  method: string,
  apiPath: string,
  token = fixture.aliceApiKey,
  body?: unknown,
): Promise<any> {
  const response = await fetch(new URL(apiPath, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The user code printed by `dlthub login` on stderr. */
/** The seeded organizations' ids by name, read from `GET /me`. */
export type OrgIds = Record<'acme' | 'beta-corp', string>;

export function orgIdsOf(organizations: ReadonlyArray<{ name: string; id: string }>): OrgIds {
  const idOf = (name: string) => {
    const org = organizations.find((candidate) => candidate.name === name);
    if (!org) throw new Error(`the seed has no organization "${name}"`);
    return org.id;
  };
  return { acme: idOf('acme'), 'beta-corp': idOf('beta-corp') };
}

/** Group 1 of a match; a pattern without it is a broken test. */
export function capturedGroup(match: RegExpMatchArray | null, pattern: RegExp): string {
  const group = match?.[1];
  if (group === undefined) throw new Error(`nothing captured by ${pattern}`);
  return group;
}

export const userCodeLine = /one-time code: ([A-Z0-9-]+)/;
export const resumeLine = /dlthub login --resume (\S+)/;

/** The token `dlthub login` stored, added to the values that must never be printed. */
export function storedToken(box: Sandbox): string | undefined {
  const file = path.join(box.globalDir, 'secrets.toml');
  if (!fs.existsSync(file)) return undefined;
  const token = /auth_token = "([^"]+)"/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (token !== undefined) secretValues.push(token);
  return token;
}
