import type { IncomingMessage } from 'node:http';
import type { Context } from './context';
import { parseCookies } from './http';
import { sha256Hex } from './secrets';
import type { StoredUser } from './state';
import type { Tx } from './store/types';

export const sessionCookieName = 'dlthub_session';

export interface SignedIn {
  /** The cookie's value: the secret the pages' CSRF tokens are derived from. */
  session: string;
  user: StoredUser;
}

/** The browser session the request's cookie names, when it exists and has not expired. */
export async function sessionOf(ctx: Context, tx: Tx, req: IncomingMessage): Promise<SignedIn | undefined> {
  const session = parseCookies(req)[sessionCookieName];
  if (!session) return undefined;
  const record = await tx.find('sessions', { session_hash: sha256Hex(session) });
  if (!record || Date.parse(record.expires_at) <= ctx.now().getTime()) return undefined;
  const user = await tx.find('users', { id: record.user_id });
  return user ? { session, user } : undefined;
}

export function currentSession(ctx: Context, req: IncomingMessage): Promise<SignedIn | undefined> {
  return ctx.store.read((tx) => sessionOf(ctx, tx, req));
}
