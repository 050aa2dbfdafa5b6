import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';

/**
 * Synchronizer tokens derived from a secret the browser holds only in an HttpOnly cookie (the
 * session, or before sign-in a login nonce): a page on another origin can neither read the cookie
 * nor compute the token, and a token is useless with another session. Stateless, so it works the
 * same on every instance of a team's control plane.
 */
export function csrfToken(purpose: 'login' | 'session', cookieSecret: string): string {
  return createHash('sha256').update(`dlthub-csrf:${purpose}:${cookieSecret}`).digest('base64url');
}

export function requireCsrfToken(
  purpose: 'login' | 'session',
  cookieSecret: string | undefined,
  presented: unknown,
): void {
  const expected = cookieSecret ? Buffer.from(csrfToken(purpose, cookieSecret)) : undefined;
  const given = Buffer.from(typeof presented === 'string' ? presented : '');
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(403, 'The form has expired or did not come from this site; reload the page and try again.');
  }
}

/**
 * Form posts must come from our own pages: an `Origin` (or `Sec-Fetch-Site`) that is not this very
 * origin is refused, `null` (opaque origins, cross-site redirects) included.
 */
export function requireSameOrigin(req: IncomingMessage, ownOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  const host = req.headers.host;
  const allowed = new Set(ownOrigins);
  if (host) allowed.add(`http://${host}`);
  if (origin !== undefined && !allowed.has(origin)) {
    throw new HttpError(403, 'Cross-origin form posts are not accepted.');
  }
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new HttpError(403, 'Cross-origin form posts are not accepted.');
  }
}

/**
 * Where to go after sign-in: only a path on this site. Backslashes (browsers read `/\evil` as
 * `//evil`), control characters and anything that resolves to another origin fall back to /device.
 */
export function safeNext(next: unknown): string {
  const fallback = '/device';
  if (typeof next !== 'string' || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const base = 'http://control-plane.invalid';
    const resolved = new URL(next, base);
    if (resolved.origin !== base) return fallback;
    return `${resolved.pathname}${resolved.search}`;
  } catch {
    return fallback;
  }
}
