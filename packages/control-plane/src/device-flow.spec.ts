import { apiPaths } from '@dlthub/api-schema';
import {
  aliceApiKey,
  api,
  databaseBytesOnDisk,
  decideInBrowser,
  demoSeed,
  dumpTables,
  tempDir,
} from './__fixtures__/harness';
import { demoSignIn } from './demo-browser';
import { startControlPlane, type RunningControlPlane } from './server';

describe('device authorization (RFC 8628)', () => {
  let plane: RunningControlPlane;
  let cleanup: () => void;
  let temp: { dir: string; cleanup: () => void };
  let clock = Date.parse('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    temp = tempDir('cp-device-');
    cleanup = temp.cleanup;
    plane = await startControlPlane({
      dataDir: temp.dir,
      seed: demoSeed,
      now: () => new Date(clock),
      pollIntervalSeconds: 5,
      deviceCodeTtlSeconds: 60,
      demoSignIn: true,
    });
  });
  afterAll(async () => {
    await plane.close();
    cleanup();
  });

  async function newCode(form = false) {
    const response = form
      ? await api(plane.url, 'POST', apiPaths.deviceCode(), {
          body: 'client_id=dlthub-cli',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      : await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} });
    expect(response.status).toBe(200);
    return response.body as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      verification_uri_complete: string;
      interval: number;
      expires_in: number;
    };
  }
  const poll = (deviceCode: string) =>
    api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: deviceCode } });

  it('issues codes with the verification page URL, interval and lifetime', async () => {
    const code = await newCode(true);
    expect(code.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(code.verification_uri).toBe(`${plane.url}/device`);
    expect(code.verification_uri_complete).toBe(`${plane.url}/device?user_code=${code.user_code}`);
    expect(code).toMatchObject({ interval: 5, expires_in: 60 });
  });

  it('pending, slow_down (+5 s, permanent), approval through the page, token works once', async () => {
    const code = await newCode();
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'authorization_pending' });
    clock += 1000; // faster than the 5 s interval
    const slow = await poll(code.device_code);
    expect(slow.status).toBe(400);
    expect(slow.body).toMatchObject({ error: 'slow_down', interval: 10 });
    clock += 6000; // 6 s is enough for the old interval but not the raised one
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'slow_down', interval: 15 });
    clock += 15000;
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'authorization_pending' });

    // Users may type the code lower-case and without the dash.
    const decision = await decideInBrowser(
      plane.url,
      'alice',
      code.user_code.replace('-', '').toLowerCase(),
      'approve',
    );
    expect(decision.status).toBe(200);
    expect(decision.html).toContain('Device approved');

    clock += 15000;
    const granted = await poll(code.device_code);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'Bearer' });
    const me = await api(plane.url, 'GET', apiPaths.me(), { token: granted.body.access_token });
    expect(me.body).toMatchObject({ user: { username: 'alice' }, auth: 'token' });

    clock += 15000;
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'invalid_grant' });
    // A used code cannot be approved again either.
    const again = await decideInBrowser(plane.url, 'alice', code.user_code, 'approve');
    expect(again.status).toBe(400);
  });

  it('denial answers access_denied', async () => {
    const code = await newCode();
    const decision = await decideInBrowser(plane.url, 'bob', code.user_code, 'deny');
    expect(decision.html).toContain('Request denied');
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'access_denied' });
  });

  it('expiry answers expired_token and the page refuses the code', async () => {
    const code = await newCode();
    clock += 61_000;
    expect((await poll(code.device_code)).body).toMatchObject({ error: 'expired_token' });
    const decision = await decideInBrowser(plane.url, 'alice', code.user_code, 'approve');
    expect(decision.status).toBe(400);
    expect(decision.html).toContain('unknown, expired or already used');
  });

  it('unknown device codes and malformed polls are RFC 6749 errors', async () => {
    expect((await poll('nope')).body).toMatchObject({ error: 'invalid_grant' });
    const malformed = await api(plane.url, 'POST', apiPaths.deviceToken(), { body: {} });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('the approval page asks for sign-in first and rejects cross-origin posts', async () => {
    const page = await api(plane.url, 'GET', '/device?user_code=BCDF-GHJK');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fdevice%3Fuser_code%3DBCDF-GHJK');
    const login = await api(plane.url, 'GET', page.headers.get('location')!);
    expect(login.body).toContain('id="username"');
    const crossOrigin = await api(plane.url, 'POST', '/login', {
      body: 'username=alice',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(crossOrigin.status).toBe(403);
    // Same-origin but without the form's CSRF token: refused too.
    const noToken = await api(plane.url, 'POST', '/login', {
      body: 'username=alice',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noToken.status).toBe(403);
    await expect(demoSignIn(plane.url, 'mallory')).rejects.toThrow('signing in as mallory failed with 401');
  });

  it('stores only hashes of device codes and tokens', async () => {
    const code = await newCode();
    const stateText = `${databaseBytesOnDisk(temp.dir)}${JSON.stringify(await dumpTables(plane.store))}`;
    expect(stateText).not.toContain(code.device_code);
    expect(stateText).not.toContain(aliceApiKey);
  });
});
