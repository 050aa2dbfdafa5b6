import { ErrorBodySchema } from '@dlthub/api-schema';
import { DlthubError, type DlthubErrorCode } from '@dlthub/config-core';
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { ApiRequestError, describeShape, isAbort, isTimeout, networkErrorCode, redact } from './errors';

/** What to do when a server refuses an upload for its size. */
const uploadTooLargeHint =
  'Make the upload smaller: keep large files out of the code package with .gitignore (`dlthub deploy --dry-run` shows its size).';

/** The part of `fetch` the client uses; `dispatcher` is undici's (proxy agent). */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}
export type FetchLike = (
  input: string,
  init: FetchInit,
) => Promise<{ status: number; text(): Promise<string>; body?: AsyncIterable<Uint8Array> | null }>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  baseUrl: string;
  token?: string;
  /** Hint for a 401: what to do about the credential that was refused. */
  authHint: string;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  fetch?: FetchLike;
  env: Record<string, string | undefined>;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface RawResponse {
  status: number;
  json: unknown;
}

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A body sent as is (a package tarball) instead of JSON. */
  rawBody?: { bytes: Uint8Array; contentType: string };
  signal?: AbortSignal;
}

/** Retrying a call that may already have happened is only safe when repeating it changes nothing. */
const idempotentMethods: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (lower case wins, as in curl and undici) from the injected env. */
export function proxyDispatcher(env: Record<string, string | undefined>): Dispatcher | undefined {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
  if (!httpProxy && !httpsProxy) return undefined;
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' });
}

export class Transport {
  private readonly dispatcher: Dispatcher | undefined;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: TransportOptions) {
    this.dispatcher = proxyDispatcher(options.env);
    this.fetchImpl = options.fetch ?? undiciFetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  /** Calls an endpoint and validates a 2xx answer with `schema`; errors become `ApiRequestError`. */
  async call<T extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: T,
    options: CallOptions = {},
  ): Promise<z.infer<T>> {
    const raw = await this.send(method, path, options);
    if (raw.status < 200 || raw.status >= 300) throw this.httpError(method, path, raw);
    return this.parse(method, path, schema, raw.json);
  }

  /** Calls an endpoint that answers 204 No Content. */
  async callNoContent(method: HttpMethod, path: string, options: CallOptions = {}): Promise<void> {
    const raw = await this.send(method, path, options);
    if (raw.status < 200 || raw.status >= 300) throw this.httpError(method, path, raw);
  }

  parse<T extends z.ZodType>(method: HttpMethod, path: string, schema: T, json: unknown): z.infer<T> {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ApiRequestError(
      'Api',
      `${method} ${path} returned an unexpected shape ${describeShape(json)}: ${issues}.`,
      `${method} ${path}`,
      undefined,
      undefined,
      {
        hint: `Check that ${this.options.baseUrl} is a dltHub control plane (runtime.api_base_url) and that this tool is up to date.`,
      },
    );
  }

  /**
   * One logical request: a timeout per attempt, and for idempotent methods retries on network
   * errors, timeouts and 5xx with exponential backoff and jitter. Answers any status with its JSON.
   */
  async send(method: HttpMethod, path: string, options: CallOptions = {}): Promise<RawResponse> {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const endpoint = `${method} ${path}`;
    const maxAttempts = idempotentMethods.has(method) ? this.options.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      let outcome: RawResponse | DlthubError;
      try {
        outcome = await this.attempt(method, url, endpoint, options);
      } catch (error) {
        if (error instanceof DlthubError && error.code === 'Cancelled') throw error;
        outcome = error as DlthubError;
      }
      const retryable = outcome instanceof DlthubError ? outcome.code === 'Network' : outcome.status >= 500;
      if (!retryable || attempt >= maxAttempts) {
        if (outcome instanceof DlthubError) throw outcome;
        return outcome;
      }
      await this.options.sleep(this.backoffMs(attempt));
    }
  }

  /**
   * Opens a long-lived response (server-sent events): no per-attempt timeout and no retries, the caller's
   * signal ends it. A non-2xx answer is the same typed error `call` throws.
   */
  async openStream(path: string, options: { query?: CallOptions['query']; signal?: AbortSignal } = {}) {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'text/event-stream', 'user-agent': this.options.userAgent };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const response = await this.fetchImpl(url.href, {
      method: 'GET',
      headers,
      signal: options.signal,
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    });
    if (response.status < 200 || response.status >= 300) {
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      throw this.httpError('GET', path, { status: response.status, json });
    }
    return response;
  }

  /** Full jitter over an exponential ceiling (AWS architecture blog "Exponential Backoff And Jitter"). */
  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.options.retryMaxDelayMs, this.options.retryBaseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.options.random() * ceiling) / 2);
  }

  private async attempt(method: HttpMethod, url: URL, endpoint: string, options: CallOptions): Promise<RawResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.rawBody) headers['content-type'] = options.rawBody.contentType;
    let text: string;
    let status: number;
    try {
      const response = await this.fetchImpl(url.href, {
        method,
        headers,
        body: options.rawBody
          ? options.rawBody.bytes
          : options.body === undefined
            ? undefined
            : JSON.stringify(options.body),
        signal,
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw new DlthubError('Cancelled', `${endpoint} was cancelled.`);
      if (isTimeout(error) || (isAbort(error) && timeout.aborted)) {
        throw new ApiRequestError(
          'Network',
          `${endpoint} timed out after ${this.options.timeoutMs} ms.`,
          endpoint,
          undefined,
          undefined,
          {
            hint: `The server at ${url.origin} is too slow or unreachable. Check your network or proxy settings.`,
          },
        );
      }
      const code = networkErrorCode(error);
      const uploadBytes = options.rawBody?.bytes.length;
      if (uploadBytes !== undefined && (code === 'EPIPE' || code === 'ECONNRESET'))
        // A server refusing a body over its size limit answers 413 and closes while the body is still coming.
        throw new ApiRequestError(
          'Network',
          `${url.origin} closed the connection while ${uploadBytes} bytes were being uploaded (${code}).`,
          endpoint,
          undefined,
          undefined,
          {
            hint: `A server refusing a body over its size limit may hang up like this. ${uploadTooLargeHint}`,
            cause: error,
          },
        );
      throw new ApiRequestError('Network', `Cannot reach ${url.origin}: ${code}.`, endpoint, undefined, undefined, {
        hint: /CERT|SSL|TLS/i.test(code)
          ? 'Check your network or proxy settings; for a private CA set NODE_EXTRA_CA_CERTS.'
          : 'Check your network or proxy settings (HTTPS_PROXY, NO_PROXY) and runtime.api_base_url.',
        cause: error,
      });
    }
    if (status === 204 || text.trim() === '') return { status, json: undefined };
    try {
      return { status, json: JSON.parse(text) as unknown };
    } catch {
      if (status >= 500) return { status, json: undefined };
      throw new ApiRequestError(
        'Api',
        `${endpoint} returned HTTP ${status} with a body that is not JSON (${text.length} bytes).`,
        endpoint,
        status,
        undefined,
        { hint: `Check that ${this.options.baseUrl} is a dltHub control plane (runtime.api_base_url).` },
      );
    }
  }

  /** Maps an error status and its `{status_code, detail}` body to a typed error, never echoing the token. */
  httpError(method: HttpMethod, path: string, raw: RawResponse): ApiRequestError {
    const endpoint = `${method} ${path}`;
    const body = ErrorBodySchema.safeParse(raw.json);
    const detail = body.success ? redact(body.data.detail, this.options.token) : undefined;
    const said = detail ? `: ${detail}` : '';
    const code: DlthubErrorCode =
      raw.status === 401
        ? 'Auth'
        : raw.status === 404
          ? 'NotFound'
          : raw.status === 409
            ? 'Conflict'
            : raw.status === 403
              ? 'Auth'
              : 'Api';
    const hint =
      raw.status === 401
        ? this.options.authHint
        : raw.status === 403
          ? 'Your role does not allow this; ask an owner of the organization.'
          : raw.status === 413
            ? uploadTooLargeHint
            : raw.status >= 500
              ? 'The control plane failed; try again later.'
              : undefined;
    return new ApiRequestError(
      code,
      `${endpoint} failed with HTTP ${raw.status}${said}`,
      endpoint,
      raw.status,
      detail,
      { hint },
    );
  }
}
