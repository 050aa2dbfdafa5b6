import { DlthubError, type DlthubErrorCode } from '@dlthub/config-core';

/** A failed API call: which endpoint, the HTTP status when there was one, the server's detail. */
export class ApiRequestError extends DlthubError {
  constructor(
    code: DlthubErrorCode,
    message: string,
    readonly endpoint: string,
    readonly status: number | undefined,
    readonly detail: string | undefined,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.name = 'ApiRequestError';
  }
}

/** A short, value-free description of a JSON value's shape: `object{user, organizations}`, `array(3)`, `string`. */
export function describeShape(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 8).join(', ');
    return `object{${shown}${keys.length > 8 ? ', …' : ''}}`;
  }
  return typeof value;
}

/** Replaces every occurrence of `secret` (e.g. the bearer token echoed by a server) with `***`. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

/** Node's network error code hidden in fetch's `TypeError: fetch failed` (`ECONNREFUSED`, `ENOTFOUND`, …). */
export function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as Error)?.message ?? String(error);
}

export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || (error as { cause?: { name?: string } })?.cause?.name === 'TimeoutError';
}

export function isAbort(error: unknown): boolean {
  return (error as { name?: string })?.name === 'AbortError';
}
