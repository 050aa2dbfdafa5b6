import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiPaths } from '@dlthub/api-schema';
import { api, demoSeed, tempDir } from './__fixtures__/harness';
import { startFakeGitHub, type FakeGitHub } from './__fixtures__/fake-github';
import { runToEnd } from './__fixtures__/process';
import { safeNext } from './csrf';
import { demoSignIn } from './demo-browser';
import { spawnControlPlane, type SpawnedControlPlane } from './spawn';

const clientId = 'Iv1.fixture-client';
const clientSecret = 'fixture-github-client-secret-0123456789';

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}
function pair(cookie: string): string {
  return cookie.split(';')[0];
}

/** Follows the GitHub sign-in as a browser would (cookies by hand); resolves with the session cookie. */
async function signInWithGitHub(planeUrl: string, next = '/device'): Promise<{ session: string; landing: string }> {
  const start = await fetch(`${planeUrl}/login/github?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
  expect(start.status).toBe(303);
  const oauthCookie = setCookies(start)[0];
  expect(oauthCookie).toMatch(/HttpOnly; SameSite=Lax/);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const callback = await fetch(authorize.headers.get('location')!, {
    redirect: 'manual',
    headers: { cookie: pair(oauthCookie) },
  });
  const landing = await callback.text();
  expect({ status: callback.status, landing }).toMatchObject({ status: 200 });
  const session = setCookies(callback).find((c) => c.startsWith('dlthub_session='))!;
  expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  return { session: pair(session), landing };
}

describe('sign-in on the approval page', () => {
  let cleanup: () => void;
  let dir: string;
  let github: FakeGitHub;
  let plane: SpawnedControlPlane;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('cp-signin-'));
    github = await startFakeGitHub(clientId, clientSecret);
    const secretFile = join(dir, 'github-secret');
    writeFileSync(secretFile, `${clientSecret}\n`, { mode: 0o600 });
    plane = await spawnControlPlane({
      args: [
        '--data-dir',
        join(dir, 'github-data'),
        '--github-client-id',
        clientId,
        '--github-client-secret-file',
        secretFile,
        '--github-url',
        github.url,
      ],
    });
  });
  afterAll(async () => {
    await plane?.stop();
    await github?.close();
    cleanup();
  });

  it('GitHub web flow: a first sign-in on a fresh server creates the user, a personal org and a default workspace', async () => {
    const login = await fetch(`${plane.url}/login`);
    const html = await login.text();
    expect(html).toContain('id="github-sign-in"');
    expect(html).not.toContain('id="username"');
    // Demo sign-in is off unless asked for.
    expect((await api(plane.url, 'POST', '/login', { body: 'username=octocat' })).status).toBe(404);

    const { session, landing } = await signInWithGitHub(plane.url);
    expect(landing).toContain('Signed in as octocat');
    const device = await fetch(`${plane.url}/device`, { headers: { cookie: session } });
    const devicePage = await device.text();
    expect(devicePage).toContain('<strong id="signed-in-user">octocat</strong>');

    // Approve a device code with that session: the resulting token sees the personal org and workspace.
    const code = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    const csrf = /name="csrf" value="([^"]+)"/.exec(devicePage)![1];
    const approve = await fetch(`${plane.url}/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
      body: new URLSearchParams({ user_code: code.user_code, action: 'approve', csrf }).toString(),
    });
    expect(await approve.text()).toContain('Device approved');
    const token = (await api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: code.device_code } }))
      .body.access_token;
    const me = await api(plane.url, 'GET', apiPaths.me(), { token });
    expect(me.body).toMatchObject({
      user: { username: 'octocat', name: 'The Octocat', email: 'octocat@example.test' },
      organizations: [{ name: 'octocat', role: 'owner' }],
    });
    const workspaces = await api(plane.url, 'GET', apiPaths.workspaces(), { token });
    expect(
      workspaces.body.items.map((w: { organization_name: string; name: string }) => `${w.organization_name}/${w.name}`),
    ).toEqual(['octocat/default']);

    // A second sign-in finds the same user (by GitHub id): nothing is created twice.
    await signInWithGitHub(plane.url);
    const again = await api(plane.url, 'GET', apiPaths.workspaces(), { token });
    expect(again.body.total).toBe(1);
    expect(github.requests).toEqual(expect.arrayContaining(['POST /login/oauth/access_token', 'GET /api/v3/user']));
    expect(plane.output().stderr + plane.output().stdout).not.toContain(clientSecret);
  });

  it('a callback whose state does not match the browser cookie is refused', async () => {
    const start = await fetch(`${plane.url}/login/github`, { redirect: 'manual' });
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const forged = await fetch(authorize.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: 'dlthub_oauth=other%20%2Fdevice' },
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ status_code: 400, detail: expect.stringContaining('state mismatch') });
  });

  it('after sign-in only same-origin paths are followed', async () => {
    expect(safeNext('/\\evil.example')).toBe('/device');
    expect(safeNext('//evil.example/x')).toBe('/device');
    expect(safeNext('/\t/evil.example')).toBe('/device');
    expect(safeNext('https://evil.example')).toBe('/device');
    expect(safeNext('/device?user_code=BCDF-GHJK')).toBe('/device?user_code=BCDF-GHJK');
    const { landing } = await signInWithGitHub(plane.url, '/\\evil.example');
    expect(landing).toContain('href="/device"');
    expect(landing).not.toContain('evil.example');
  });

  it('demo sign-in: refused off loopback, labelled on the page, one message for unknown users, Secure over https', async () => {
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
    const refused = await runToEnd(['--host', '0.0.0.0', '--data-dir', join(dir, 'open'), '--demo-sign-in']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('only allowed on a loopback address, not on 0.0.0.0');

    const demo = await spawnControlPlane({
      args: [
        '--data-dir',
        join(dir, 'demo-data'),
        '--seed',
        seedFile,
        '--quiet',
        '--public-url',
        'https://cp.example.test',
      ],
      demoSignIn: true,
    });
    try {
      const page = await (await fetch(`${demo.url}/login`)).text();
      expect(page).toContain('Demo sign-in');
      expect(page).toContain('for local demos and tests only');
      await expect(demoSignIn(demo.url, 'nobody')).rejects.toThrow('failed with 401');
      const form = await fetch(`${demo.url}/login`);
      const nonce = pair(setCookies(form)[0]);
      expect(setCookies(form)[0]).toMatch(/HttpOnly; SameSite=Strict; Max-Age=3600; Secure$/);
      const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1];
      const post = (username: string) =>
        fetch(`${demo.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: nonce,
            origin: 'https://cp.example.test',
          },
          body: new URLSearchParams({ username, csrf, next: '/\\evil.example' }).toString(),
        });
      const unknown = await post('nobody');
      expect(await unknown.text()).toContain('Sign-in failed.');
      const known = await post('alice');
      expect(known.status).toBe(303);
      expect(known.headers.get('location')).toBe('/device');
      expect(setCookies(known)[0]).toMatch(
        /^dlthub_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/,
      );
    } finally {
      await demo.stop();
    }
  });
});
