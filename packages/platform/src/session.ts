/**
 * What every platform workflow starts from: the workspace (or classic run context), the control-plane
 * URL read through the config engine, the resolved credentials, and clients for them.
 */
import { resolveCredentials, type CredentialResolution } from '@dlthub/auth';
import { DlthubError, DEFAULT_API_BASE_URL, type Workspace } from '@dlthub/config-core';
import { createClient, type WorkspaceClient } from '@dlthub/workspace-client';
import type { PlatformHost } from './host';

export interface PlatformSession {
  workspace: Workspace;
  /** `runtime.api_base_url` (env `RUNTIME__API_BASE_URL`), default `https://api.dlthub.com`. */
  apiBaseUrl: string;
  /** Where the credential came from; precedence RUNTIME__API_KEY > secrets api_key > login token. */
  credentials: CredentialResolution;
  /** A client authenticated with `credentials` (or with `token` when given, e.g. a key being verified). */
  client(token?: string): WorkspaceClient;
  /** A client without credentials, for the device-flow endpoints. */
  anonymousClient(): WorkspaceClient;
}

export function apiBaseUrlOf(workspace: Workspace): string {
  const resolved = workspace.runtimeValue('api_base_url');
  return typeof resolved.value === 'string' && resolved.value.trim() !== ''
    ? resolved.value.trim()
    : DEFAULT_API_BASE_URL;
}

/** Opens the session; `requireWorkspace` for workflows that read or write `.dlt/` files. */
export function openSession(host: PlatformHost, options: { requireWorkspace?: boolean } = {}): PlatformSession {
  const workspace = host.workspace({ require: Boolean(options.requireWorkspace) });
  const apiBaseUrl = apiBaseUrlOf(workspace);
  assertSafeTransport(apiBaseUrl, host.insecure);
  const credentials = resolveCredentials(workspace, host.env);
  host.protectSecret(credentials.token);
  for (const warning of credentials.warnings) host.progress.warn(warning);
  const make = (token: string | undefined, withCredentials: boolean) => {
    const client = createClient({
      baseUrl: apiBaseUrl,
      ...(withCredentials ? { credentials } : { token }),
      userAgent: host.userAgent,
      env: host.env,
    });
    return withCredentials ? explainingRefusals(client, credentials, apiBaseUrl) : client;
  };
  return {
    workspace,
    apiBaseUrl,
    credentials,
    client: (token) => (token === undefined ? make(undefined, true) : make(token, false)),
    anonymousClient: () => make(undefined, false),
  };
}

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Tokens, API keys and device codes travel only over https, or plain http to this machine (the local
 * control plane); plain http to any other host is refused unless the host allows it (the CLI's `--insecure`).
 */
export function assertSafeTransport(apiBaseUrl: string, insecure: boolean): void {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    return; // the client reports a malformed URL with its own error
  }
  if (url.protocol !== 'http:' || loopbackHosts.test(url.hostname) || insecure) return;
  throw new DlthubError(
    'Network',
    `Refusing to send credentials over plain http to ${url.host} (runtime.api_base_url is ${url.protocol}//${url.host}).`,
    { hint: 'Use an https:// URL, or pass --insecure if this network is trusted.' },
  );
}

/**
 * A 401 names the credential that was refused and where it came from (never its value), so
 * "expired login" reads as such instead of as a failed HTTP call; the hint says what to run.
 */
function explainingRefusals(
  client: WorkspaceClient,
  credentials: CredentialResolution,
  apiBaseUrl: string,
): WorkspaceClient {
  const what = credentials.kind === 'api_key' ? 'API key' : 'login token';
  const explain = (error: unknown): never => {
    const status = (error as { status?: unknown }).status;
    if (error instanceof DlthubError && error.code === 'Auth' && status === 401) {
      const detail = (error as { detail?: string }).detail;
      throw new DlthubError(
        'Auth',
        `The ${what} from ${credentials.source} was refused by ${apiBaseUrl}${detail ? ` (${detail.replace(/\.$/, '')})` : ''}: it is expired, revoked or unknown there.`,
        {
          hint: error.hint,
          cause: error,
        },
      );
    }
    throw error;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.catch(explain) : result;
      };
    },
  });
}

export function notLoggedIn(): DlthubError {
  return new DlthubError('Auth', 'Not logged in.', {
    hint: 'Run `dlthub login` on a terminal (in CI set RUNTIME__API_KEY, or pipe a key to `dlthub login --with-api-key`).',
  });
}

/** The authenticated client, or the "run dlthub login" error when there is no credential at all. */
export function requireClient(session: PlatformSession): WorkspaceClient {
  if (session.credentials.kind === 'none') throw notLoggedIn();
  return session.client();
}

/** Ctrl+C aborts the signal (the command then ends with exit 130 and writes nothing). */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** A short description of the credential in use, masked (never the value itself). */
export function describeCredential(credentials: CredentialResolution, mask: (value: unknown) => string): string {
  if (credentials.kind === 'none' || credentials.token === undefined) return 'none';
  const what = credentials.kind === 'api_key' ? 'API key' : 'login token';
  return `${what} ${mask(credentials.token)} from ${credentials.source}`;
}
