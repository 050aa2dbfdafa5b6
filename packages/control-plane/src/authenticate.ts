import type { IncomingMessage } from 'node:http';
import { apiKeyPrefix } from '@dlthub/api-schema';
import type { Context } from './context';
import { HttpError } from './http';
import { sha256Hex } from './secrets';
import type { StoredUser } from './state';
import type { Tx } from './store/types';

export interface Principal {
  user: StoredUser;
  auth: 'token' | 'api_key';
  /** SHA-256 of the presented credential (to revoke it) and when it expires (nothing it mints may outlive it). */
  credentialHash: string;
  expiresAt: Date;
}

const challenge = { 'www-authenticate': 'Bearer' };

/** Resolves `Authorization: Bearer <token or API key>` to a user; 401 when missing, unknown or expired. */
export async function authenticate(ctx: Context, tx: Tx, req: IncomingMessage): Promise<Principal> {
  const header = req.headers.authorization ?? '';
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (presented === undefined) throw new HttpError(401, 'Missing bearer token.', challenge);
  const hash = sha256Hex(presented);
  const now = ctx.now().getTime();
  const isApiKey = presented.startsWith(apiKeyPrefix);
  const record = isApiKey
    ? await tx.find('api_keys', { key_hash: hash })
    : await tx.find('access_tokens', { token_hash: hash });
  const kind = isApiKey ? 'API key' : 'Access token';
  if (!record) throw new HttpError(401, `${kind} is not valid.`, challenge);
  if (Date.parse(record.expires_at) <= now) throw new HttpError(401, `${kind} has expired.`, challenge);
  const user = await tx.find('users', { id: record.user_id });
  if (!user) throw new HttpError(401, `${kind} is not valid.`, challenge);
  return { user, auth: isApiKey ? 'api_key' : 'token', credentialHash: hash, expiresAt: new Date(record.expires_at) };
}

/**
 * Checks the credential in a transaction of its own, for routes that must refuse a stranger before
 * reading a body; the write that follows checks it again in its own transaction.
 */
export function authenticated(ctx: Context, req: IncomingMessage): Promise<Principal> {
  return ctx.store.read((tx) => authenticate(ctx, tx, req));
}
