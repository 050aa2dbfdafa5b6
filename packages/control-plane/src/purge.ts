import type { Context } from './context';

/** Expired device codes are kept this long (so a late poll still hears `expired_token`), then dropped. */
export const expiredCodeRetentionMs = 3600 * 1000;

/** Drops expired device codes, sessions and login tokens, and forgets quiet rate-limit keys. Returns what went. */
export async function purgeExpired(ctx: Context): Promise<{ deviceCodes: number; sessions: number; tokens: number }> {
  const now = ctx.now().getTime();
  for (const limiter of Object.values(ctx.limiters)) limiter.sweep();
  return ctx.store.write(async (tx) => ({
    deviceCodes: await tx.removeExpired('device_codes', new Date(now - expiredCodeRetentionMs)),
    sessions: await tx.removeExpired('sessions', new Date(now)),
    tokens: await tx.removeExpired('access_tokens', new Date(now)),
  }));
}
