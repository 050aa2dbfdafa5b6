import type { IncomingMessage } from 'node:http';
import { apiKeyPrefix } from '@dlthub/api-schema';
import type { Context } from './context';
import { HttpError } from './http';
import { sha256Hex } from './secrets';
import type { StoredUser } from './state';

export interface Principal {
  user: StoredUser;
  auth: 'token' | 'api_key';
  /** SHA-256 of the presented credential (to revoke it) and when it expires (nothing it mints may outlive it). */
  credentialHash: string;
  expiresAt: Date;
}

const challenge = { 'www-authenticate': 'Bearer' };

/** Resolves `Authorization: Bearer <token or API key>` to a user; 401 when missing, unknown or expired. */
export function authenticate(ctx: Context, req: IncomingMessage): Principal {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'Missing bearer token.', challenge);
  const presented = match[1];
  const hash = sha256Hex(presented);
  const { state } = ctx.store;
  const now = ctx.now().getTime();
  const isApiKey = presented.startsWith(apiKeyPrefix);
  const record = isApiKey
    ? state.api_keys.find((key) => key.key_hash === hash)
    : state.access_tokens.find((token) => token.token_hash === hash);
  const kind = isApiKey ? 'API key' : 'Access token';
  if (!record) throw new HttpError(401, `${kind} is not valid.`, challenge);
  if (Date.parse(record.expires_at) <= now) throw new HttpError(401, `${kind} has expired.`, challenge);
  const user = state.users.find((u) => u.id === record.user_id);
  if (!user) throw new HttpError(401, `${kind} is not valid.`, challenge);
  return { user, auth: isApiKey ? 'api_key' : 'token', credentialHash: hash, expiresAt: new Date(record.expires_at) };
}
