import { apiPaths } from '@dlthub/api-schema';
import { aliceToken, api, demoSeed, dumpTables, tempDir } from './__fixtures__/harness';
import { demoDecide } from './demo-browser';
import { startControlPlane, type RunningControlPlane } from './server';

describe('limits and purging', () => {
  let plane: RunningControlPlane;
  let cleanup: () => void;
  let clock = Date.parse('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    const temp = tempDir('cp-limits-');
    cleanup = temp.cleanup;
    plane = await startControlPlane({
      dataDir: temp.dir,
      seed: demoSeed,
      now: () => new Date(clock),
      demoSignIn: true,
      deviceCodeTtlSeconds: 60,
      sessionTtlSeconds: 600,
      limits: {
        deviceCodesPerAddress: { count: 5, windowSeconds: 60 },
        tokenPollsPerAddress: { count: 8, windowSeconds: 60 },
        wrongUserCodesPerAddress: { count: 3, windowSeconds: 900 },
        uploadsPerUser: { count: 2, windowSeconds: 3600 },
      },
    });
  });
  afterAll(async () => {
    await plane.close();
    cleanup();
  });

  it('device-code creation and token polling are limited per client address (429, Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} });
    expect(refused.body).toEqual({
      status_code: 429,
      detail: 'Too many device codes from this address; try again in 60 s.',
    });
    expect(refused.headers.get('retry-after')).toBe('60');
    const polls: number[] = [];
    for (let i = 0; i < 10; i++) {
      polls.push(
        (await api(plane.url, 'POST', apiPaths.deviceToken(), { body: { device_code: `guess-${i}` } })).status,
      );
    }
    expect(polls.filter((s) => s === 429)).toHaveLength(2);
    clock += 61_000; // the window passes
    expect((await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).status).toBe(200);
  });

  it('guessing user codes stops after 3 wrong codes: even the right code is refused until the lockout ends', async () => {
    clock += 61_000;
    const code = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    const attempts: number[] = [];
    for (const guess of ['BBBB-BBBB', 'CCCC-CCCC', 'DDDD-DDDD', 'FFFF-FFFF']) {
      attempts.push((await demoDecide(plane.url, 'bob', guess, 'approve')).status);
    }
    expect(attempts).toEqual([400, 400, 400, 429]);
    const locked = await demoDecide(plane.url, 'bob', code.user_code, 'approve');
    expect(locked.status).toBe(429);
    expect(locked.html).toContain('Too many wrong codes');
    clock += 901_000;
    const code2 = (await api(plane.url, 'POST', apiPaths.deviceCode(), { body: {} })).body;
    expect((await demoDecide(plane.url, 'alice', code2.user_code, 'approve')).status).toBe(200);
  });

  it('configuration uploads are limited per user', async () => {
    const workspaces = await api(plane.url, 'GET', apiPaths.workspaces(), { token: aliceToken });
    const id = workspaces.body.items[0].id;
    const upload = (n: number) =>
      api(plane.url, 'POST', apiPaths.workspaceConfigurations(id), {
        token: aliceToken,
        body: { profiles: { prod: { config: `a = ${n}\n`, secrets: '' } }, workspace: { config: '', secrets: '' } },
      });
    expect([(await upload(1)).status, (await upload(2)).status, (await upload(3)).status]).toEqual([201, 201, 429]);
  });

  it('expired device codes, sessions and login tokens are purged', async () => {
    const before = await dumpTables(plane.store);
    expect(before.device_codes.length).toBeGreaterThan(0);
    expect(before.sessions.length).toBeGreaterThan(0);
    clock += 3 * 3600 * 1000 + 40 * 24 * 3600 * 1000; // past every code, session and the seed's 30-day token
    const purged = await plane.purge();
    expect(purged.deviceCodes).toBeGreaterThan(0);
    expect(purged.sessions).toBeGreaterThan(0);
    expect(purged.tokens).toBeGreaterThan(0);
    expect(await dumpTables(plane.store)).toMatchObject({ device_codes: [], sessions: [], access_tokens: [] });
  });
});
