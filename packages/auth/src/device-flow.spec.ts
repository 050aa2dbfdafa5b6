import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type RunningControlPlane } from '@dlthub/control-plane';
import { DlthubError } from '@dlthub/config-core';
import { systemBrowserOpener } from './browser';
import { resumeDeviceFlow, runDeviceFlow, type DeviceFlowResult } from './device-flow';
import { captureStderr, decideInBrowser, httpDeviceApi } from './__fixtures__/http-device-api';
import type { DeviceFlowApi } from './types';

const userCodeIn = (text: string) => /one-time code: ([A-Z]{4}-[A-Z]{4})/.exec(text)![1];

describe('device-flow login against the local control plane', () => {
  let plane: RunningControlPlane;
  let dataDir: string;
  let clock = Date.parse('2026-03-01T00:00:00Z');
  const now = () => clock;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'auth-flow-'));
    plane = await startControlPlane({
      dataDir,
      now: () => new Date(clock),
      pollIntervalSeconds: 5,
      deviceCodeTtlSeconds: 60,
      seed: { users: [{ username: 'alice' }] },
      demoSignIn: true,
    });
  });
  afterAll(async () => {
    await plane.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * A sleep that moves the shared clock instead of waiting, records what was asked, and lets the
   * test act as the user (approve/deny in the page) at a given sleep.
   */
  function scriptedSleep(actions: Record<number, () => Promise<void>> = {}, drift: Record<number, number> = {}) {
    const asked: number[] = [];
    const sleep = async (ms: number, signal?: AbortSignal) => {
      asked.push(ms);
      clock += ms - (drift[asked.length] ?? 0);
      await actions[asked.length]?.();
      if (signal?.aborted) throw new DlthubError('Cancelled', 'Login cancelled.');
    };
    return { sleep, asked };
  }

  async function expectAuthError(promise: Promise<unknown>, message: string): Promise<void> {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DlthubError);
    expect(error).toMatchObject({ code: 'Auth', message, exitCode: 1 });
  }

  it('approved: prints URL and code to stderr, polls at the interval, returns the token', async () => {
    const err = captureStderr();
    const client = httpDeviceApi(plane.url);
    const opened: string[] = [];
    const { sleep, asked } = scriptedSleep({
      2: () => decideInBrowser(plane.url, 'alice', userCodeIn(err.text()), 'approve').then(() => undefined),
    });
    const result = await runDeviceFlow({
      client,
      io: { stderr: err.stream, isTTY: true, openBrowser: async (url) => void opened.push(url) },
      now,
      sleep,
    });
    expect(result.status).toBe('approved');
    const token = (result as Extract<DeviceFlowResult, { status: 'approved' }>).token.access_token;
    expect(asked).toEqual([5000, 5000]);
    expect(client.counters.polls).toBe(2);
    const text = err.text();
    expect(text).toMatch(
      /^First copy your one-time code: [A-Z]{4}-[A-Z]{4}\nThen open http:\/\/127\.0\.0\.1:\d+\/device and approve it \(the code expires in 60 seconds\)\.\nOpening your browser; waiting for approval…\n$/,
    );
    expect(opened).toEqual([`${plane.url}/device?user_code=${userCodeIn(text)}`]);
    expect(text).not.toContain(token);
  });

  it('slow_down raises the interval by 5 s for every later poll', async () => {
    const err = captureStderr();
    // The second sleep comes back 2 s early (a fast clock): the server answers slow_down.
    const { sleep, asked } = scriptedSleep(
      { 4: () => decideInBrowser(plane.url, 'alice', userCodeIn(err.text()), 'approve').then(() => undefined) },
      { 2: 2000 },
    );
    const result = await runDeviceFlow({
      client: httpDeviceApi(plane.url),
      io: { stderr: err.stream, isTTY: true },
      now,
      sleep,
    });
    expect(result.status).toBe('approved');
    expect(asked).toEqual([5000, 5000, 10000, 10000]);
  });

  it('denied in the browser: a clear error', async () => {
    const err = captureStderr();
    const { sleep } = scriptedSleep({
      1: () => decideInBrowser(plane.url, 'alice', userCodeIn(err.text()), 'deny').then(() => undefined),
    });
    await expectAuthError(
      runDeviceFlow({ client: httpDeviceApi(plane.url), io: { stderr: err.stream, isTTY: true }, now, sleep }),
      'Login was denied in the browser.',
    );
  });

  it('expired: stops at the deadline from expires_in without polling past it', async () => {
    const err = captureStderr();
    const client = httpDeviceApi(plane.url);
    const { sleep, asked } = scriptedSleep();
    await expectAuthError(
      runDeviceFlow({ client, io: { stderr: err.stream, isTTY: true }, now, sleep }),
      'The code expired before it was approved. Run `dlthub login` again.',
    );
    expect(asked.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(client.counters.polls).toBe(11);
  });

  it('a browser that cannot be opened never crashes the flow', async () => {
    const err = captureStderr();
    const { sleep } = scriptedSleep({
      1: () => decideInBrowser(plane.url, 'alice', userCodeIn(err.text()), 'approve').then(() => undefined),
    });
    const opener = systemBrowserOpener({ BROWSER: join(dataDir, 'no-such-browser') });
    const result = await runDeviceFlow({
      client: httpDeviceApi(plane.url),
      io: { stderr: err.stream, isTTY: true, openBrowser: opener },
      now,
      sleep,
    });
    expect(result.status).toBe('approved');
    expect(err.text()).toContain(
      `Could not open a browser. Open ${plane.url}/device and enter code ${userCodeIn(err.text())}.`,
    );
  });

  it('in CI or without a TTY the browser is never opened', async () => {
    const opened: string[] = [];
    const openBrowser = async (url: string) => void opened.push(url);
    const err = captureStderr();
    const { sleep } = scriptedSleep({
      1: () => decideInBrowser(plane.url, 'alice', userCodeIn(err.text()), 'approve').then(() => undefined),
    });
    await runDeviceFlow({
      client: httpDeviceApi(plane.url),
      io: { stderr: err.stream, isTTY: true, ci: true, openBrowser },
      now,
      sleep,
      waitWithoutTty: true,
    });
    await runDeviceFlow({
      client: httpDeviceApi(plane.url),
      io: { stderr: captureStderr().stream, isTTY: false, openBrowser },
      now,
      sleep,
    });
    expect(opened).toEqual([]);
  });

  it('without a TTY: prints the device code and resume command; --resume finishes after approval', async () => {
    const err = captureStderr();
    const client = httpDeviceApi(plane.url);
    const started = await runDeviceFlow({
      client,
      io: { stderr: err.stream, isTTY: false },
      now,
      sleep: scriptedSleep().sleep,
    });
    if (started.status !== 'pending') throw new Error('expected a pending flow');
    expect(client.counters.polls).toBe(0);
    expect(started.resumeCommand).toBe(`dlthub login --resume ${started.deviceCode}`);
    expect(err.text()).toContain(`Once approved, finish with:\n  dlthub login --resume ${started.deviceCode}\n`);

    await decideInBrowser(plane.url, 'alice', started.userCode, 'approve');
    const { sleep, asked } = scriptedSleep();
    const token = await resumeDeviceFlow({
      client,
      deviceCode: started.deviceCode,
      io: { stderr: captureStderr().stream },
      now,
      sleep,
    });
    expect(token.token_type).toBe('Bearer');
    expect(asked).toEqual([]); // the first resume poll goes out at once
    // Codes are single-use.
    await expectAuthError(
      resumeDeviceFlow({ client, deviceCode: started.deviceCode, io: { stderr: captureStderr().stream }, now, sleep }),
      'Login failed: invalid_grant.',
    );
  });

  it('--resume of an expired code reports expired_token from the server', async () => {
    const client = httpDeviceApi(plane.url);
    const started = await runDeviceFlow({ client, io: { stderr: captureStderr().stream, isTTY: false }, now });
    if (started.status !== 'pending') throw new Error('expected a pending flow');
    clock += 61_000;
    await expectAuthError(
      resumeDeviceFlow({
        client,
        deviceCode: started.deviceCode,
        io: { stderr: captureStderr().stream },
        now,
        sleep: scriptedSleep().sleep,
      }),
      'The code expired before it was approved. Run `dlthub login` again.',
    );
  });

  it('Ctrl+C while polling: Cancelled (exit 130), nothing more written to stderr, no file written', async () => {
    const err = captureStderr();
    const controller = new AbortController();
    const globalDir = mkdtempSync(join(tmpdir(), 'auth-cancel-'));
    try {
      const { sleep } = scriptedSleep({ 2: async () => controller.abort() });
      const before = () => err.text();
      const flow = runDeviceFlow({
        client: httpDeviceApi(plane.url),
        io: { stderr: err.stream, isTTY: true },
        now,
        sleep,
        signal: controller.signal,
      });
      const error = await flow.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'Cancelled', exitCode: 130, message: 'Login cancelled.' });
      expect(before()).not.toContain('approved');
      expect(err.text().split('\n').filter(Boolean)).toHaveLength(3);
      expect(readdirSync(globalDir)).toEqual([]);
    } finally {
      rmSync(globalDir, { recursive: true, force: true });
    }
  });
});

describe('device-flow polling rules (scripted API)', () => {
  const code = {
    device_code: 'dc-fixture',
    user_code: 'BCDF-GHJK',
    verification_uri: 'https://app.dlthub.test/device',
    expires_in: 900,
  };

  function scriptedApi(answers: Array<() => unknown>, overrides: Partial<typeof code> = {}): DeviceFlowApi {
    let i = 0;
    return {
      baseUrl: 'https://api.dlthub.test',
      requestDeviceCode: async () => ({ ...code, ...overrides }),
      pollDeviceToken: async () => (await answers[i++]()) as never,
    };
  }
  const pending = () => ({ kind: 'error', error: { error: 'authorization_pending' } });
  const granted = () => ({ kind: 'token', token: { access_token: 'at-fixture', token_type: 'Bearer' } });

  it('uses 5 s when the server sends no interval, and doubles it after a network error', async () => {
    const asked: number[] = [];
    const network = () => {
      throw new DlthubError('Network', 'Cannot reach https://api.dlthub.test: ECONNRESET.');
    };
    let t = 0;
    const result = await runDeviceFlow({
      client: scriptedApi([pending, network, pending, granted]),
      io: { stderr: captureStderr().stream, isTTY: true },
      now: () => t,
      sleep: async (ms) => {
        asked.push(ms);
        t += ms;
      },
    });
    expect(result.status).toBe('approved');
    expect(asked).toEqual([5000, 5000, 10000, 10000]);
  });

  it('adopts a larger interval sent with slow_down', async () => {
    const asked: number[] = [];
    await runDeviceFlow({
      client: scriptedApi([() => ({ kind: 'error', error: { error: 'slow_down', interval: 30 } }), granted]),
      io: { stderr: captureStderr().stream, isTTY: true },
      sleep: async (ms) => void asked.push(ms),
    });
    expect(asked).toEqual([5000, 30000]);
  });

  it('stops on unknown error codes without echoing free text', async () => {
    const error = await runDeviceFlow({
      client: scriptedApi([
        () => ({ kind: 'error', error: { error: 'Bad <script>', error_description: 'secret-ish text' } }),
      ]),
      io: { stderr: captureStderr().stream, isTTY: true },
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'Auth', message: 'Login failed: unknown_error.' });
  });

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['http://app.dlthub.test/device', 'http:'],
    ['https://evil.example/device', 'evil.example'],
  ])('refuses verification URL %s', async (uri, fragment) => {
    const err = captureStderr();
    const error = await runDeviceFlow({
      client: scriptedApi([], { verification_uri: uri }),
      io: { stderr: err.stream, isTTY: true },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'Auth' });
    expect((error as Error).message).toContain('invalid device authorization response');
    expect((error as Error).message).toContain(fragment);
    expect(err.text()).toBe('');
  });
});
