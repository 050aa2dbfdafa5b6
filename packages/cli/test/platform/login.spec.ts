/**
 * `dlthub login` / `logout` / `auth status` against a real control-plane process: device flow
 * approved (over HTTP and once in headless Chromium), denied, expired, slowed down and resumed
 * without a terminal; API-key mode; an expired token; the control plane down.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { openStore } from '@dlthub/control-plane';
import { chromium } from 'playwright-core';
import {
  api,
  decide,
  fixture,
  loggedIn,
  resumeLine,
  sandbox,
  startControlPlane,
  storedToken,
  tearDownPlatformTest,
  tempDir,
  userCodeLine,
  type ControlPlane,
  capturedGroup,
} from './harness';

jest.setTimeout(60_000);

let root: string;
let plane: ControlPlane;

beforeAll(async () => {
  root = tempDir('dlthub-e2e-login-');
  plane = await startControlPlane(path.join(root, 'cp'), ['--poll-interval', '1']);
});

afterAll(() => tearDownPlatformTest(root, plane));

function globalSecrets(box: { globalDir: string }): string | null {
  const file = path.join(box.globalDir, 'secrets.toml');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

describe('device-flow login', () => {
  it('approved on the page: stores the token 0600 in the global secrets.toml; auth status and logout', async () => {
    const box = sandbox(root, 'approved', plane.url);
    const login = box.start(['login', '--no-browser']);
    const userCode = await login.waitForCapture(userCodeLine);
    // Without a terminal the device code and the exact resume command are printed, and polling goes on.
    const deviceCode = await login.waitForCapture(resumeLine);
    expect(deviceCode?.length).toBeGreaterThan(20);
    expect(await decide(plane.url, 'alice', userCode, 'approve')).toContain('Device approved');
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Then open ${plane.url}/device`);
    expect(result.stderr).toMatch(/Logged in as alice\. Credentials stored in .*secrets\.toml\./);

    const token = storedToken(box);
    expect(token).toMatch(/^\S{20,}$/);
    expect(fs.statSync(path.join(box.globalDir, 'secrets.toml')).mode & 0o777).toBe(0o600);
    expect(box.read('.dlt/secrets.toml')).toBe('# add your dlt secrets here\n');

    const status = await box.runJson(['auth', 'status']);
    expect(status.user.username).toBe('alice');
    expect(status.credential).toEqual({
      kind: 'token',
      source: `${path.join(box.globalDir, 'secrets.toml')} [runtime] auth_token`,
      value: expect.stringMatching(/^\*{4}/),
    });
    expect(status.organizations.map((org: { name: string }) => org.name).sort()).toEqual(['acme', 'beta-corp']);

    const logout = await box.run(['logout']);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('Logged out: removed [runtime] auth_token');
    expect(logout.stderr).toContain('and revoked the token on the server');
    expect(globalSecrets(box)).not.toContain('auth_token');
    // Revoked server-side: a copy of the token no longer works either.
    expect((await api(plane.url, 'GET', '/api/v1/me', token)).status).toBe(401);
    const after = await box.run(['auth', 'status']);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/error: Not logged in\.\nhint: Run `dlthub login`/);
    expect((await box.run(['logout'])).stderr).toContain('Not logged in; nothing to do.');
  });

  it.each([
    [
      'an opener that exits at once (BROWSER=true, like xdg-open)',
      'true',
      /Opening your browser; waiting for approval/,
    ],
    ['an opener that fails (BROWSER=false)', 'false', /Could not open a browser\. Open \S+\/device and enter code/],
  ])('on a terminal with %s: keeps polling until approved on the page', async (_what, browser, message) => {
    const box = sandbox(root, `tty-${browser}`, plane.url);
    const login = box.startInTerminal(['login'], { env: { BROWSER: browser } });
    await login.waitForScreen(message);
    // The opener has exited by now; the login must still be waiting, not finished.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(login.screenSoFar()).not.toContain('Logged in');
    const userCode = capturedGroup(userCodeLine.exec(login.screenSoFar()), userCodeLine);
    expect(await decide(plane.url, 'alice', userCode, 'approve')).toContain('Device approved');
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/Logged in as alice\. Credentials stored in .*secrets\.toml\./);
    expect(storedToken(box)).toMatch(/^\S{20,}$/);
  });

  it('approved in headless Chromium through the sign-in and approval pages', async () => {
    const box = sandbox(root, 'chromium', plane.url);
    const login = box.start(['login', '--no-browser', '--json']);
    const userCode = await login.waitForCapture(userCodeLine);
    const profileDir = tempDir('dlthub-e2e-chromium-');
    // A fresh profile (--user-data-dir) through playwright's persistent context.
    const browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${plane.url}/device`);
      await page.fill('#username', 'alice');
      await page.click('#sign-in');
      await page.fill('#user_code', userCode.toLowerCase().replace('-', ' '));
      await page.click('#approve');
      expect(await page.textContent('#result')).toContain('Device approved');
    } finally {
      await browser.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'logged_in',
      user: { username: 'alice' },
      api_base_url: plane.url,
    });
    expect(storedToken(box)).toBeDefined();
  });

  it('denied on the page: exit 1 "denied", nothing stored', async () => {
    const box = sandbox(root, 'denied', plane.url);
    const login = box.start(['login', '--no-browser']);
    const userCode = await login.waitForCapture(userCodeLine);
    expect(await decide(plane.url, 'alice', userCode, 'deny')).toContain('Request denied');
    const result = await login.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: Login was denied in the browser\.\nhint: Run `dlthub login` to try again\./);
    expect(globalSecrets(box)).toBeNull();
  });

  it('Ctrl+C while waiting: exit 130 "Login cancelled.", nothing written', async () => {
    const box = sandbox(root, 'interrupted', plane.url);
    const login = box.start(['login', '--no-browser']);
    await login.waitForStderr(/Waiting for approval/);
    login.child.kill('SIGINT');
    const result = await login.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: Login cancelled.');
    expect(globalSecrets(box)).toBeNull();
  });

  it('expired before approval: exit 1 "run dlthub login again", nothing stored', async () => {
    const shortLived = await startControlPlane(path.join(root, 'cp-short'), [
      '--poll-interval',
      '1',
      '--device-code-ttl',
      '2',
    ]);
    try {
      const box = sandbox(root, 'expired', shortLived.url);
      const result = await box.run(['login', '--no-browser']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error: The code expired before it was approved. Run `dlthub login` again.');
      expect(globalSecrets(box)).toBeNull();
    } finally {
      await shortLived.stop();
    }
  });

  it('login --resume <code> --no-wait polls once: not approved yet is exit 1 at once, approved stores the token', async () => {
    const box = sandbox(root, 'resume-no-wait', plane.url);
    const started = JSON.parse((await box.run(['login', '--no-wait', '--json'])).stdout);
    const deviceCode = started.resume_command.split(' ').pop();
    const early = await box.run(['login', '--resume', deviceCode, '--no-wait']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/error: The login is not approved yet\.\nhint: Approve the code in your browser/);
    expect(globalSecrets(box)).toBeNull();
    await decide(plane.url, 'alice', started.user_code, 'approve');
    const done = await box.run(['login', '--resume', deviceCode, '--no-wait']);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Logged in as alice.');
    expect(storedToken(box)).toBeDefined();
  });

  it('started without a terminal with --no-wait, resumed with --resume; a too-fast poll gets slow_down and the login still completes', async () => {
    // Interval 30 s: the resume's first (immediate) poll lands within it after the test's own poll, even when
    // starting the CLI takes many seconds on a loaded machine; the CLI then waits 35 s before its next poll.
    const slow = await startControlPlane(path.join(root, 'cp-slow'), ['--poll-interval', '30']);
    try {
      const box = sandbox(root, 'resume', slow.url);
      const started = await box.run(['login', '--no-wait', '--json']);
      expect(started.code).toBe(0);
      const pending = JSON.parse(started.stdout);
      expect(pending).toMatchObject({
        status: 'pending',
        resume_command: expect.stringMatching(/^dlthub login --resume \S+$/),
      });
      expect(started.stderr).toContain('Not running in an interactive terminal, so not waiting here.');
      expect(globalSecrets(box)).toBeNull();
      const deviceCode = pending.resume_command.split(' ').pop();

      // Another poller (the test) polls once; the resumed CLI then polls too soon and hears slow_down.
      const first = await fetch(`${slow.url}/api/v1/auth/device/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ device_code: deviceCode }),
      });
      expect(((await first.json()) as { error: string }).error).toBe('authorization_pending');
      const resumed = box.start(['login', '--resume', deviceCode]);
      await resumed.waitForStderr(/Waiting for approval/);
      await waitFor(async () => (await deviceCodeRecord(slow.dataDir)).interval > 30);
      expect((await deviceCodeRecord(slow.dataDir)).interval).toBe(35); // RFC 8628 §3.5: +5 s
      await decide(slow.url, 'alice', pending.user_code, 'approve');
      const result = await resumed.done;
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('Logged in as alice.');
      expect(storedToken(box)).toBeDefined();
    } finally {
      await slow.stop();
    }
  }, 150_000);
});

/** The newest device code, read through the control plane's store (SQLite in its data dir). */
async function deviceCodeRecord(dataDir: string): Promise<{ interval: number; status: string }> {
  const store = await openStore({ dataDir });
  try {
    const codes = await store.read((tx) => tx.list('device_codes'));
    const newest = codes.at(-1);
    if (!newest) throw new Error(`no device code in ${dataDir}`);
    return newest;
  } finally {
    await store.close();
  }
}

/** Polls a condition (no fixed sleeps) every 50 ms, for up to 30 s of wall time however slow each check is. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 30 s');
}

describe('API keys and failures', () => {
  it('login --with-api-key reads stdin, stores [runtime] api_key in .dlt/secrets.toml, and works with no login', async () => {
    const box = sandbox(root, 'apikey', plane.url);
    const result = await box.run(['login', '--with-api-key'], { input: `${fixture.aliceApiKey}\n` });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Logged in as alice with API key \*{4}\w{4}\. Stored as \[runtime\] api_key in \.dlt\/secrets\.toml\./,
    );
    expect(box.read('.dlt/secrets.toml')).toBe(
      `# add your dlt secrets here\n\n[runtime]\napi_key = "${fixture.aliceApiKey}"\n`,
    );
    expect(fs.statSync(path.join(box.dir, '.dlt/secrets.toml')).mode & 0o777).toBe(0o600);
    expect(globalSecrets(box)).toBeNull();

    const status = await box.runJson(['auth', 'status']);
    expect(status.credential).toEqual({
      kind: 'api_key',
      source: '.dlt/secrets.toml:4 [runtime] api_key',
      value: expect.stringMatching(/^\*{4}/),
    });
    const list = await box.runJson(['workspace', 'list']);
    expect(list.organizations.map((org: { name: string }) => org.name)).toEqual(['acme', 'beta-corp']);
  });

  it('login --with-api-key refuses an empty key, a non-key, a refused key and a git-tracked secrets.toml', async () => {
    const box = sandbox(root, 'apikey-bad', plane.url);
    const empty = await box.run(['login', '--with-api-key'], { input: '\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error: No API key received on standard input.');
    const notKey = await box.run(['login', '--with-api-key'], { input: 'hello\n' });
    expect(notKey.code).toBe(1);
    expect(notKey.stderr).toContain('That is not a dltHub API key');
    const refused = await box.run(['login', '--with-api-key'], { input: 'dlt_u_not_a_real_key_000000000000\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: The API key \*{4}\w+ was refused by .*; nothing was stored\./);
    expect(box.read('.dlt/secrets.toml')).toBe('# add your dlt secrets here\n');

    box.git(['add', '-f', '.dlt/secrets.toml']);
    const tracked = await box.run(['login', '--with-api-key'], { input: `${fixture.aliceApiKey}\n` });
    expect(tracked.code).toBe(1);
    expect(tracked.stderr).toMatch(
      /error: \.dlt\/secrets\.toml is tracked by git; refusing to store an API key in it\.\nhint: Run `git rm --cached/,
    );
    expect(box.read('.dlt/secrets.toml')).toBe('# add your dlt secrets here\n');
  });

  it('RUNTIME__API_KEY wins over everything and makes login/logout refuse', async () => {
    const box = sandbox(root, 'envkey', plane.url);
    loggedIn(box, fixture.expiredToken);
    const env = { RUNTIME__API_KEY: fixture.aliceApiKey };
    const status = await box.runJson(['auth', 'status'], { env });
    expect(status.credential).toMatchObject({ kind: 'api_key', source: 'RUNTIME__API_KEY' });
    const login = await box.run(['login'], { env });
    expect(login.code).toBe(1);
    expect(login.stderr).toContain(
      'error: RUNTIME__API_KEY is set and takes precedence; unset it to store login credentials.',
    );
    expect((await box.run(['logout'], { env })).code).toBe(1);
    expect(globalSecrets(box)).toContain('auth_token');
  });

  it('an expired login token: exit 1 with a clear "run dlthub login"', async () => {
    const box = sandbox(root, 'expired-token', plane.url);
    loggedIn(box, fixture.expiredToken);
    const result = await box.run(['workspace', 'list']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /error: The login token from \S+secrets\.toml \[runtime\] auth_token was refused by http:\/\/127\.0\.0\.1:\d+ \(.+\): it is expired, revoked or unknown there\.\nhint: Run `dlthub login` to sign in again\./,
    );
  });

  it('the control plane down: exit 1 "Cannot reach" with a network hint', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const box = sandbox(root, 'down', `http://127.0.0.1:${closedPort}`);
    loggedIn(box);
    const result = await box.run(['workspace', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: Cannot reach http://127.0.0.1:${closedPort}: ECONNREFUSED.`);
    expect(result.stderr).toMatch(/hint: Check your network or proxy settings/);
    const login = await box.run(['login', '--no-browser']);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('Cannot reach');
  });

  it('every credential the test used still works server-side (the fixture is live)', async () => {
    expect((await api(plane.url, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await api(plane.url, 'GET', '/api/v1/me', fixture.expiredToken)).status).toBe(401);
  });
});
