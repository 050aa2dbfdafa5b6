/**
 * The device-flow login shared by `dlthub login` and `dlthub deploy`: @dlthub/auth runs the flow
 * (RFC 8628; cli-auth.md §7), this module wires it to the host's progress output, verifies the token
 * with `me` and only then stores it as `[runtime] auth_token` in the global secrets.toml.
 */
import type { DeviceCodeResponse, Me } from '@dlthub/api-schema';
import {
  abortableSleep,
  assertNoEnvApiKey,
  resumeDeviceFlow,
  runDeviceFlow,
  systemBrowserOpener,
  verifyAndStoreToken,
  type DeviceFlowApi,
} from '@dlthub/auth';
import type { Env } from '@dlthub/config-core';
import type { PlatformHost } from './host';
import { withInterrupt, type PlatformSession } from './session';

export type LoginOutcome =
  | { status: 'logged_in'; user: Me['user']; storedIn: string }
  /** Started without a terminal and asked not to wait: finish with the resume command. */
  | { status: 'pending'; userCode: string; verificationUri: string; resumeCommand: string };

export interface DeviceLoginOptions {
  /** The session whose control plane the login is for (`openSession`). */
  session: PlatformSession;
  /** Open the verification page in a browser (only ever on a TTY and outside CI). */
  browser: boolean;
  /** Without a terminal, keep polling after printing the resume command (default) or return at once. */
  waitWithoutTty: boolean;
}

function stderrOf(host: PlatformHost): { write(text: string): void } {
  return { write: (text) => host.progress.info(text.replace(/\n$/, '')) };
}

/** Whether `CI` says this runs in continuous integration (any value but empty, `0` or `false`). */
export function isCi(env: Env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Verifies the fresh token with `GET /me` and stores it; a token that fails `me` is never stored. */
async function verifyAndStore(session: PlatformSession, accessToken: string): Promise<LoginOutcome> {
  const verified = await verifyAndStoreToken({
    token: accessToken,
    globalDir: session.workspace.globalDir,
    verify: async (token) => {
      const client = session.client(token);
      try {
        return await client.me();
      } finally {
        await client.close();
      }
    },
  });
  return { status: 'logged_in', user: verified.user.user, storedIn: verified.path };
}

export async function deviceLogin(host: PlatformHost, options: DeviceLoginOptions): Promise<LoginOutcome> {
  const { session } = options;
  assertNoEnvApiKey(host.env, 'login');
  const client = session.anonymousClient();
  const stderr = stderrOf(host);
  const interactive = host.interactive && !isCi(host.env);
  // Remember the code so that a flow waiting without a terminal can say how to resume it elsewhere.
  let issued: DeviceCodeResponse | undefined;
  const api: DeviceFlowApi = {
    baseUrl: client.baseUrl,
    requestDeviceCode: async (request, signal) => {
      // The device code is printed on purpose (the resume command); the token it turns into never is.
      issued = await client.requestDeviceCode(request, signal);
      return issued;
    },
    pollDeviceToken: async (deviceCode, signal) => {
      const answer = await client.pollDeviceToken(deviceCode, signal);
      if (answer.kind === 'token') host.protectSecret(answer.token.access_token);
      return answer;
    },
  };
  let resumeHintShown = false;
  try {
    const result = await withInterrupt((signal) =>
      runDeviceFlow({
        client: api,
        io: {
          stderr,
          isTTY: host.interactive,
          ci: isCi(host.env),
          openBrowser: options.browser && interactive ? systemBrowserOpener(host.env) : undefined,
        },
        signal,
        waitWithoutTty: options.waitWithoutTty,
        sleep: (ms, sleepSignal) => {
          // dlt: without a TTY the device code is printed so `login --resume` can finish the flow later.
          if (!resumeHintShown && !interactive && issued) {
            resumeHintShown = true;
            stderr.write(
              `No interactive terminal. If this command is stopped, finish the login later with:\n  dlthub login --resume ${issued.device_code}\n`,
            );
          }
          return abortableSleep(ms, sleepSignal);
        },
      }),
    );
    if (result.status === 'pending') {
      return {
        status: 'pending',
        userCode: result.userCode,
        verificationUri: result.verificationUri,
        resumeCommand: result.resumeCommand,
      };
    }
    return await verifyAndStore(session, result.token.access_token);
  } finally {
    await client.close();
  }
}

export interface ResumeLoginOptions {
  session: PlatformSession;
  /** The device code printed by a login started without a terminal. */
  deviceCode: string;
  /** Keep polling until the code is approved (default), or ask once. */
  wait?: boolean;
}

/** `login --resume <device_code>`: polls a flow started elsewhere until approved, then stores the token. */
export async function resumeLogin(host: PlatformHost, options: ResumeLoginOptions): Promise<LoginOutcome> {
  const { session, deviceCode } = options;
  assertNoEnvApiKey(host.env, 'login');
  const client = session.anonymousClient();
  try {
    const token = await withInterrupt((signal) =>
      resumeDeviceFlow({
        client,
        deviceCode,
        io: { stderr: stderrOf(host) },
        signal,
        noWait: options.wait === false,
      }),
    );
    return await verifyAndStore(session, token.access_token);
  } finally {
    await client.close();
  }
}
