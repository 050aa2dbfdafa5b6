import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths, uiPaths } from '@dlthub/api-schema';
import { launchChromium } from '@dlthub/test-browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aliceToken, api, demoSeed, moduleJob, tempDir, uploadCode } from './__fixtures__/harness';
import type { Seed } from './seed';
import { startControlPlane, type RunningControlPlane } from './server';

jest.setTimeout(120_000);

const hostile = '<script>window.pwned = 1</script>';

/** The demo seed and one organization whose names are markup, to prove the pages escape what they show. */
const seed: Seed = {
  ...demoSeed,
  organizations: [
    ...(demoSeed.organizations ?? []),
    {
      name: `<b>evil</b>${hostile}`,
      members: [{ username: 'alice', role: 'owner' }],
      workspaces: [{ name: 'evil', jobs: [hostile] }],
    },
  ],
};

/** The job's code; runs see none of the server's variables, so the file it waits for is written into it. */
const code = (goFile: string) => ({
  // Prints, then waits until the test creates goFile (no fixed sleeps decide anything), then prints more.
  'talker.py': [
    'import os, sys, time',
    'if __name__ == "__main__":',
    '    print("line one", flush=True)',
    '    print("to stderr", file=sys.stderr, flush=True)',
    `    while not os.path.exists(${JSON.stringify(goFile)}):`,
    '        time.sleep(0.05)',
    '    print("line two", flush=True)',
    `    print(${JSON.stringify(hostile)}, flush=True)`,
    '',
  ].join('\n'),
  'hello.py': 'if __name__ == "__main__":\n    print("hello")\n',
});

describe('signed-in web UI in headless Chromium', () => {
  let plane: RunningControlPlane;
  let browser: Browser;
  let dir: string;
  let cleanup: () => void;
  let marketing: string;
  const call = (method: string, path: string, body?: unknown) =>
    api(plane.url, method, path, { token: aliceToken, body });

  async function signIn(context: BrowserContext, username: string, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${plane.url}${path}`);
    await page.fill('#username', username);
    await page.click('#sign-in');
    await page.waitForURL(`${plane.url}${path}`);
    return page;
  }

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-ui-'));
    plane = await startControlPlane({
      dataDir: join(dir, 'data'),
      seed,
      demoSignIn: true,
    });
    const workspaces = await call('GET', apiPaths.workspaces());
    marketing = workspaces.body.items.find((w: { name: string }) => w.name === 'marketing').id;
    await uploadCode(plane.url, marketing, dir, code(join(dir, 'go')));
    const configured = await call('POST', apiPaths.workspaceConfigurations(marketing), {
      profiles: { prod: { config: '', secrets: '' } },
      workspace: { config: '', secrets: '' },
    });
    expect(configured.status).toBe(201);
    const deployed = await call('POST', apiPaths.workspaceDeploy(marketing), {
      jobs: [moduleJob('talker'), moduleJob('hello', { triggers: ['every:5m'] })],
    });
    expect(deployed.body.added).toHaveLength(2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await plane?.close();
    cleanup();
  });

  it('an unauthenticated visit lands on sign-in and comes back to the workspace page: jobs, deployment, configuration', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${plane.url}${uiPaths.workspace(marketing)}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(uiPaths.workspace(marketing));
    expect(response?.status()).toBe(200);
    await page.fill('#username', 'alice');
    await page.click('#sign-in');
    await page.waitForURL(`${plane.url}${uiPaths.workspace(marketing)}`);
    expect(await page.textContent('#title')).toBe('marketing');
    expect(await page.textContent('#signed-in-user')).toBe('alice');
    const jobs = await page.$$eval('#jobs tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim())),
    );
    expect(jobs).toEqual([
      ['jobs.hello', 'batch', 'every:5m', 'active', expect.any(String)],
      ['jobs.talker', 'batch', '—', 'active', 'never run'],
    ]);
    const latest = (await call('GET', apiPaths.workspaceDeployment(marketing, 'latest'))).body;
    const deployment = await page.$$eval('#deployments tbody tr td', (cells) =>
      cells.map((cell) => [cell.textContent, cell.firstElementChild?.getAttribute('title') ?? null]),
    );
    expect(deployment.slice(0, 2)).toEqual([
      [String(latest.version), null],
      [latest.content_hash.slice(0, 12), latest.content_hash],
    ]);
    expect(await page.textContent('#configurations')).toContain('prod');
    // The home page lists the organizations and workspaces the user belongs to.
    await page.click('#crumbs a');
    expect(await page.textContent('body')).toContain('marketing');
    expect(await page.textContent('body')).toContain('sandbox');
    await context.close();
  });

  it('the run page shows log lines as they arrive, escaped, and the status turns completed without a reload', async () => {
    const triggered = await call('POST', apiPaths.workspaceRuns(marketing), { job: 'jobs.talker' });
    expect(triggered.status).toBe(201);
    const runId: string = triggered.body.run.id;
    const context = await browser.newContext();
    const page = await signIn(context, 'alice', uiPaths.run(marketing, runId));
    await page.waitForSelector('#run-log li:text-is("line one")');
    // A mark on the window survives only if the page is never reloaded.
    await page.evaluate("window.mark = 'same page'");
    expect(await page.textContent('#run-status')).not.toBe('completed');
    expect(await page.textContent('#run-log')).not.toContain('line two');
    writeFileSync(join(dir, 'go'), '');
    await page.waitForSelector('#run-status:text-is("completed")');
    const lines = await page.$$eval('#run-log li', (items) => items.map((item) => [item.className, item.textContent]));
    expect(lines).toEqual(
      expect.arrayContaining([
        ['stdout', 'line one'],
        ['stderr', 'to stderr'],
        ['stdout', 'line two'],
        ['stdout', hostile],
      ]),
    );
    expect(lines).toHaveLength(4);
    expect(await page.evaluate('window.mark')).toBe('same page');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.$$('#run-log script')).toHaveLength(0);
    expect(await page.textContent('#run-exit-code')).toBe('0');
    expect(await page.textContent('#run-duration')).toMatch(/^\d+\.\d s$/);

    // Rendered by the server once terminal: the same lines, escaped, and no script at all.
    const reloaded = await page.reload();
    expect(reloaded?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.$$('script')).toHaveLength(0);
    expect(await page.$$eval('#run-log li', (items) => items.map((item) => item.textContent))).toEqual([
      'line one',
      'to stderr',
      'line two',
      hostile,
    ]);
    expect(await page.evaluate('window.pwned')).toBeUndefined();

    // The job page lists the run, newest first, with its status.
    await page.click('#crumbs a >> text=jobs.talker');
    const runs = await page.$$eval('#runs tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent)),
    );
    expect(runs).toEqual([['# 1', 'completed', 'manual:jobs.talker']]);
    await context.close();
  });

  it('hostile organization and job names are shown as text', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'alice', uiPaths.home());
    expect(await page.textContent('body')).toContain(`<b>evil</b>${hostile}`);
    await page.click('a:text-is("evil")');
    expect(await page.textContent('#jobs')).toContain(hostile);
    expect(await page.$$('script, b')).toHaveLength(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await context.close();
  });

  it("another tenant's workspace, run and log stream are refused as the API refuses them", async () => {
    const runs = await call('GET', apiPaths.workspaceRuns(marketing));
    const runId: string = runs.body.items[0].id;
    const context = await browser.newContext();
    // bob belongs to beta-corp only; marketing is acme's.
    const page = await signIn(context, 'bob', uiPaths.home());
    expect(await page.textContent('body')).toContain('sandbox');
    expect(await page.textContent('body')).not.toContain('marketing');
    for (const path of [
      uiPaths.workspace(marketing),
      uiPaths.job(marketing, 'jobs.talker'),
      uiPaths.run(marketing, runId),
    ]) {
      const response = await page.goto(`${plane.url}${path}`);
      expect(response?.status()).toBe(404);
      expect(await page.textContent('#error')).toContain('not found');
      expect(await page.textContent('body')).not.toContain('line one');
    }
    const stream = await context.request.get(`${plane.url}${uiPaths.runLogStream(marketing, runId)}`);
    expect(stream.status()).toBe(404);
    // The API never takes the session cookie: without a bearer token it is 401.
    const api = await context.request.get(`${plane.url}${apiPaths.workspaceRunLogs(marketing, runId)}`);
    expect(api.status()).toBe(401);
    await context.close();

    const anonymous = await fetch(`${plane.url}${uiPaths.runLogStream(marketing, runId)}`);
    expect(anonymous.status).toBe(401);
  });
});
