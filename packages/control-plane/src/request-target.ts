import { HttpError } from './http';

/**
 * Parses a request target (RFC 9112 §3.2) without ever throwing anything but a 400. Only the path
 * and query matter to us: origin-form (`/path?q`) is read as a path even when it looks like an
 * authority (`//`, `//:99999/x`, `//a:b@/`), and absolute-form (`http://host/path`) is accepted
 * from proxies, its authority ignored. Anything else (`*`, garbage) is a bad request.
 */
export function parseRequestTarget(target: string | undefined): URL {
  const raw = target ?? '/';
  try {
    if (raw.startsWith('/')) return new URL(`http://control-plane.invalid${raw}`);
    if (/^https?:\/\//i.test(raw)) {
      const absolute = new URL(raw);
      return new URL(`http://control-plane.invalid${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'Malformed request target.');
}

/** `decodeURIComponent` that answers 400 for bad escapes (`%zz`, lone surrogates) instead of throwing a URIError. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'Malformed percent-escape in the request path.');
  }
}
