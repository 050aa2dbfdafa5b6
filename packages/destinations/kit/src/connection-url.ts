/**
 * SQLAlchemy-style connection URLs (`driver://user:password@host:port/database?key=value`), parsed the way
 * dlt's `ConnectionStringCredentials` does (it delegates to SQLAlchemy's `make_url`): user and password are
 * percent-decoded, the port must be an integer, query parameters are decoded, and only parts that are present
 * are returned.
 */
import { DlthubError, maskSecret } from '@dlthub/config-core';

export interface ConnectionUrl {
  drivername: string;
  username?: string;
  password?: string;
  host?: string;
  port?: number;
  database?: string;
  query?: Record<string, string>;
}

// SQLAlchemy's URL pattern: name://[user[:password]@][host|[ipv6]][:port][/database][?query]
const URL_PATTERN =
  /^(?<name>[\w+]+):\/\/(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?(?:(?:\[(?<ipv6host>[^/?]+)\]|(?<ipv4host>[^/:?]+))?(?::(?<port>[^/?]*))?)?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?$/s;

/** Query parameters that carry secrets (motherduck_token, private_key, private_key_passphrase, password, …). */
const SECRET_QUERY_KEY = /token|key|secret|password|passphrase/i;

/**
 * The URL with its password and secret-looking query values replaced by `***`, safe to print in an error.
 * A string that is not a URL at all is not shown: it may be a bare password pasted as the whole credentials.
 */
export function redactConnectionUrl(url: string): string {
  if (!/^[\w+]+:/.test(url)) return `<${url.length} characters, not shown>`;
  return url
    .replace(/^([\w+]+:\/\/[^:/@]*:)[^@]*@/s, '$1***@')
    .replace(/([?&])([^=&]*)=([^&]*)/g, (whole, sep: string, key: string) =>
      SECRET_QUERY_KEY.test(key) ? `${sep}${key}=***` : whole,
    );
}

function malformed(url: string, reason: string, example: string): DlthubError {
  return new DlthubError(
    'ConfigValueCannotBeCoerced',
    `Malformed connection string ${JSON.stringify(redactConnectionUrl(url))}: ${reason}.`,
    { hint: `Use the form ${example}, or give the credentials field by field.` },
  );
}

function decode(part: string, url: string, example: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw malformed(url, 'it holds an invalid percent-encoding', example);
  }
}

/** Query string as a flat map (later values of a repeated key win), decoded as `application/x-www-form-urlencoded`. */
function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) out[key] = value;
  return out;
}

export interface ParseConnectionUrlOptions {
  /** Example shown in error hints, e.g. `postgresql://user:password@host:5432/database`. */
  example?: string;
}

/** Parses a connection URL; throws `ConfigValueCannotBeCoerced` (never echoing the password) when malformed. */
export function parseConnectionUrl(url: string, options: ParseConnectionUrlOptions = {}): ConnectionUrl {
  const example = options.example ?? 'driver://user:password@host:port/database?key=value';
  const match = URL_PATTERN.exec(url);
  if (!match?.groups) throw malformed(url, 'it is not of the form driver://…', example);
  const groups = match.groups;
  // URL_PATTERN's `name` group is not optional.
  const result: ConnectionUrl = { drivername: groups.name ?? '' };
  if (groups.username !== undefined) result.username = decode(groups.username, url, example);
  if (groups.password !== undefined) result.password = decode(groups.password, url, example);
  const host = groups.ipv6host ?? groups.ipv4host;
  if (host !== undefined) result.host = host;
  if (groups.port) {
    if (!/^\d+$/.test(groups.port)) throw malformed(url, `the port "${groups.port}" is not a number`, example);
    result.port = Number(groups.port);
  }
  // `…:5432/` names an empty database (SQLAlchemy gives ""), `…:5432` none.
  if (groups.database !== undefined) result.database = groups.database;
  if (groups.query !== undefined && groups.query !== '') result.query = parseQuery(groups.query);
  return result;
}

/** Splits a URL scheme off (`s3://bucket` → `s3`); null for plain paths (`/data`, `C:\data`, `_storage`). */
export function urlScheme(url: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme === undefined) return null;
  // A Windows drive letter (`C://x` is rare, `C:\x` never matches) is a local path, as in dlt's filesystem config.
  if (scheme.length === 1) return null;
  return scheme.toLowerCase();
}

export interface FormatConnectionUrlOptions {
  /** Print the password and secret query values as they are (only for writing them back to a secrets file). */
  revealSecrets?: boolean;
}

/**
 * The connection URL for credentials fields (dlt's `to_native_representation`). By default the password and
 * secret-looking query values are masked, as dlt's `str(credentials)` hides the password.
 */
export function formatConnectionUrl(parts: ConnectionUrl, options: FormatConnectionUrlOptions = {}): string {
  const secret = (value: string) => (options.revealSecrets ? encodeURIComponent(value) : maskSecret(value));
  let url = `${parts.drivername}://`;
  if (parts.username !== undefined) {
    url += encodeURIComponent(parts.username);
    if (parts.password !== undefined) url += `:${secret(parts.password)}`;
    url += '@';
  }
  if (parts.host !== undefined) url += parts.host.includes(':') ? `[${parts.host}]` : parts.host;
  if (parts.port !== undefined) url += `:${parts.port}`;
  if (parts.database !== undefined && parts.database !== '') url += `/${parts.database}`;
  const query = Object.entries(parts.query ?? {});
  if (query.length > 0) {
    url += `?${query
      .map(
        ([key, value]) =>
          `${encodeURIComponent(key)}=${SECRET_QUERY_KEY.test(key) ? secret(value) : encodeURIComponent(value)}`,
      )
      .join('&')}`;
  }
  return url;
}
