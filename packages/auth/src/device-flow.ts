import { defaultPollIntervalSeconds, type DeviceCodeResponse, type DeviceTokenSuccess } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';
import type { OpenBrowser } from './browser';
import { abortableSleep, cancelled, type Sleep } from './sleep';
import type { DeviceFlowApi } from './types';
import { checkVerificationUri } from './verification-uri';

/** RFC 8628 §3.5: every slow_down raises the interval by 5 s for all later polls. */
export const slowDownStepSeconds = 5;
/** Checklist §7.7: a network failure or 5xx doubles the interval, up to this. */
export const maxBackoffIntervalSeconds = 60;
/** How long `resumeDeviceFlow` keeps polling when it does not know the code's lifetime (GitHub's default lifetime). */
export const resumeMaxWaitSeconds = 900;

export interface DeviceFlowIo {
  /** Where instructions go (never stdout: it stays clean for `--json`). */
  stderr: { write(text: string): unknown };
  /** Interactive terminal: the browser may be opened and the flow waits for approval. */
  isTTY: boolean;
  /** Running in CI: never open a browser. */
  ci?: boolean;
  openBrowser?: OpenBrowser;
  /** Command shown in hints (default `dlthub`). */
  commandName?: string;
}

export interface DeviceFlowOptions {
  client: DeviceFlowApi;
  io: DeviceFlowIo;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: Sleep;
  /** Without a TTY, keep polling instead of printing a resume command and returning (default false). */
  waitWithoutTty?: boolean;
}

export type DeviceFlowResult =
  | { status: 'approved'; token: DeviceTokenSuccess }
  /** Started without a TTY: the user approves in a browser, then runs `resumeCommand`. */
  | {
      status: 'pending';
      deviceCode: string;
      userCode: string;
      verificationUri: string;
      expiresAt: number;
      resumeCommand: string;
    };

const errorCodePattern = /^[a-z0-9_]{1,64}$/;

/** Server-provided error codes are echoed only when they look like codes (never free text that could carry secrets). */
function sanitizeErrorCode(code: string): string {
  return errorCodePattern.test(code) ? code : 'unknown_error';
}

function expired(command: string): DlthubError {
  return new DlthubError('Auth', `The code expired before it was approved. Run \`${command} login\` again.`, {
    hint: `Run \`${command} login\` and approve the new code in your browser.`,
  });
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof DlthubError)) return false;
  if (error.code === 'Network') return true;
  const status = (error as { status?: number }).status;
  return error.code === 'Api' && typeof status === 'number' && status >= 500;
}

interface PollOptions {
  client: DeviceFlowApi;
  deviceCode: string;
  intervalSeconds: number;
  deadline: number;
  signal?: AbortSignal;
  now: () => number;
  sleep: Sleep;
  commandName: string;
  /** Send the first poll without waiting (a resume: the user says they already approved). */
  immediate?: boolean;
  /** Poll once: a pending answer is an error instead of a reason to wait (`login --resume --no-wait`). */
  once?: boolean;
}

function notApprovedYet(command: string): DlthubError {
  return new DlthubError('Auth', 'The login is not approved yet.', {
    hint: `Approve the code in your browser, then run the same \`${command} login --resume\` command again.`,
  });
}

/** Polls the token endpoint until approval, denial, expiry or cancellation (RFC 8628 §3.4–§3.5). */
async function pollForToken(options: PollOptions): Promise<DeviceTokenSuccess> {
  const { client, deviceCode, signal, now, sleep, deadline, commandName } = options;
  let interval = options.intervalSeconds;
  for (let first = true; ; first = false) {
    const remaining = deadline - now();
    if (remaining <= 0) throw expired(commandName);
    // Wait before every poll, never past the deadline.
    if (!(first && options.immediate)) await sleep(Math.min(interval * 1000, remaining), signal);
    if (signal?.aborted) throw cancelled();
    if (now() >= deadline) throw expired(commandName);
    let answer;
    try {
      answer = await client.pollDeviceToken(deviceCode, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      if (isTransient(error) && !options.once) {
        interval = Math.min(interval * 2, maxBackoffIntervalSeconds);
        continue;
      }
      throw error;
    }
    if (answer.kind === 'token') return answer.token;
    const code = answer.error.error;
    switch (code) {
      case 'authorization_pending':
        if (options.once) throw notApprovedYet(commandName);
        continue;
      case 'slow_down':
        if (options.once) throw notApprovedYet(commandName);
        interval = Math.max(interval + slowDownStepSeconds, answer.error.interval ?? 0);
        continue;
      case 'expired_token':
      case 'token_expired': // GitHub's docs spell it both ways
        throw expired(commandName);
      case 'access_denied':
        throw new DlthubError('Auth', 'Login was denied in the browser.', {
          hint: `Run \`${commandName} login\` to try again.`,
        });
      default:
        throw new DlthubError('Auth', `Login failed: ${sanitizeErrorCode(code)}.`, {
          hint: `Run \`${commandName} login\` to start a new login.`,
        });
    }
  }
}

function describeMinutes(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * The device-flow login (cli-auth.md §7): asks for a code, prints the URL and code to stderr,
 * opens the browser only in an interactive terminal (never failing when it cannot), then polls.
 * Without a TTY it prints the device code with the resume command and returns `pending`, unless
 * `waitWithoutTty`. It writes no file: storing the token is the caller's step once verified.
 */
export async function runDeviceFlow(options: DeviceFlowOptions): Promise<DeviceFlowResult> {
  const { client, io, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const commandName = io.commandName ?? 'dlthub';
  if (signal?.aborted) throw cancelled();

  let code: DeviceCodeResponse;
  try {
    code = await client.requestDeviceCode(undefined, signal);
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  }
  checkVerificationUri(code, client.baseUrl);
  const receivedAt = now();
  const deadline = receivedAt + code.expires_in * 1000;
  const interval = code.interval ?? defaultPollIntervalSeconds;
  const out = (text: string) => {
    if (!signal?.aborted) io.stderr.write(text);
  };

  // The plain URL and the code always come first (RFC 8628 §3.3.1: the code must be shown).
  out(`First copy your one-time code: ${code.user_code}\n`);
  out(`Then open ${code.verification_uri} and approve it (the code expires in ${describeMinutes(code.expires_in)}).\n`);

  const interactive = io.isTTY && !io.ci;
  if (!interactive && !options.waitWithoutTty) {
    const resumeCommand = `${commandName} login --resume ${code.device_code}`;
    out(
      `Not running in an interactive terminal, so not waiting here. Once approved, finish with:\n  ${resumeCommand}\n`,
    );
    return {
      status: 'pending',
      deviceCode: code.device_code,
      userCode: code.user_code,
      verificationUri: code.verification_uri,
      expiresAt: deadline,
      resumeCommand,
    };
  }
  // The opener runs beside the polling, never before it: an opener may exit at once (xdg-open), fail, or
  // block until the browser closes, and the process must keep polling either way. Awaiting it instead
  // once let the process end with success while nothing kept it alive.
  let settled = false;
  if (interactive && io.openBrowser) {
    const target = code.verification_uri_complete ?? code.verification_uri;
    out('Opening your browser; waiting for approval…\n');
    let opening: Promise<void>;
    try {
      opening = io.openBrowser(target);
    } catch (error) {
      opening = Promise.reject(error instanceof Error ? error : new Error('cannot open the browser'));
    }
    opening.catch(() => {
      if (!settled) out(`Could not open a browser. Open ${code.verification_uri} and enter code ${code.user_code}.\n`);
    });
  } else {
    out('Waiting for approval…\n');
  }
  try {
    const token = await pollForToken({
      client,
      deviceCode: code.device_code,
      intervalSeconds: interval,
      deadline,
      signal,
      now,
      sleep,
      commandName,
    });
    return { status: 'approved', token };
  } finally {
    settled = true;
  }
}

export interface ResumeDeviceFlowOptions {
  client: DeviceFlowApi;
  deviceCode: string;
  io: Pick<DeviceFlowIo, 'stderr' | 'commandName'>;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: Sleep;
  /** Poll interval when resuming (the original `interval` is not known; default 5 s). */
  intervalSeconds?: number;
  /** Give up after this long (default 900 s); the server answers `expired_token` sooner when the code expired. */
  maxWaitSeconds?: number;
  /** Poll once and fail when not approved yet, instead of waiting (`--no-wait`). */
  noWait?: boolean;
}

/** `login --resume <device_code>`: polls a flow that was started without a TTY. */
export async function resumeDeviceFlow(options: ResumeDeviceFlowOptions): Promise<DeviceTokenSuccess> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const commandName = options.io.commandName ?? 'dlthub';
  if (options.deviceCode.trim() === '') {
    throw new DlthubError('Usage', 'No device code given to --resume.', {
      hint: `Pass the code printed by \`${commandName} login\`.`,
    });
  }
  if (options.signal?.aborted) throw cancelled();
  if (!options.noWait) options.io.stderr.write('Waiting for approval…\n');
  return pollForToken({
    client: options.client,
    deviceCode: options.deviceCode.trim(),
    immediate: true,
    once: options.noWait,
    intervalSeconds: options.intervalSeconds ?? defaultPollIntervalSeconds,
    deadline: now() + (options.maxWaitSeconds ?? resumeMaxWaitSeconds) * 1000,
    signal: options.signal,
    now,
    sleep,
    commandName,
  });
}
