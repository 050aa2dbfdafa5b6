import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resumeDeviceFlow, runDeviceFlow } from '@dlthub/auth';
import { demoDecide, startControlPlane, type RunningControlPlane } from '@dlthub/control-plane';
import { createClient } from './client';
import { json, tinyServer } from './__fixtures__/tiny-server';

async function approve(baseUrl: string, userCode: string): Promise<void> {
  await demoDecide(baseUrl, 'alice', userCode, 'approve');
}

describe('device flow with the real client', () => {
  let plane: RunningControlPlane;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wc-device-'));
    plane = await startControlPlane({
      dataDir,
      pollIntervalSeconds: 1,
      seed: { users: [{ username: 'alice' }] },
      demoSignIn: true,
    });
  });
  afterAll(async () => {
    await plane.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in, then the token works for `me`; nothing on stderr contains it', async () => {
    const client = createClient({ baseUrl: plane.url, env: {} });
    let stderr = '';
    const started = await runDeviceFlow({
      client,
      io: { stderr: { write: (t: string) => (stderr += t) }, isTTY: false },
    });
    if (started.status !== 'pending') throw new Error('expected pending');
    await approve(plane.url, started.userCode);
    const token = await resumeDeviceFlow({
      client,
      deviceCode: started.deviceCode,
      io: { stderr: { write: (t: string) => (stderr += t) } },
    });
    const me = await createClient({ baseUrl: plane.url, token: token.access_token, env: {} }).me();
    expect(me).toMatchObject({ user: { username: 'alice' }, auth: 'token' });
    expect(stderr).not.toContain(token.access_token);
  });

  it('branches on the body error, not the status (GitHub answers pending with HTTP 200)', async () => {
    const server = await tinyServer((req, res, index) => {
      if (req.url === '/api/v1/auth/device/code') {
        json(res, 200, {
          device_code: 'dc',
          user_code: 'BCDF-GHJK',
          verification_uri: `http://127.0.0.1/device`,
          expires_in: 60,
          interval: 1,
        });
      } else if (index < 3) {
        json(res, 200, { error: 'authorization_pending' });
      } else {
        json(res, 200, { access_token: 'at-fixture-github-style', token_type: 'bearer' });
      }
    });
    try {
      const client = createClient({ baseUrl: server.url, env: {} });
      const result = await runDeviceFlow({
        client,
        io: { stderr: { write: () => true }, isTTY: true },
        sleep: async () => undefined,
      });
      expect(result).toMatchObject({ status: 'approved', token: { access_token: 'at-fixture-github-style' } });
      expect(server.requests.map((r) => r.path)).toEqual([
        '/api/v1/auth/device/code',
        '/api/v1/auth/device/token',
        '/api/v1/auth/device/token',
        '/api/v1/auth/device/token',
      ]);
    } finally {
      await server.close();
    }
  });
});
