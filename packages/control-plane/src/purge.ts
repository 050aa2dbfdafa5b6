import type { Context } from './context';

/** Expired device codes are kept this long (so a late poll still hears `expired_token`), then dropped. */
export const expiredCodeRetentionMs = 3600 * 1000;

/** Drops expired device codes, sessions and login tokens, and forgets quiet rate-limit keys. Returns what went. */
export async function purgeExpired(ctx: Context): Promise<{ deviceCodes: number; sessions: number; tokens: number }> {
  const now = ctx.now().getTime();
  for (const limiter of Object.values(ctx.limiters)) limiter.sweep();
  const { state } = ctx.store;
  const stale = {
    deviceCodes: state.device_codes.filter((c) => Date.parse(c.expires_at) + expiredCodeRetentionMs <= now).length,
    sessions: state.sessions.filter((s) => Date.parse(s.expires_at) <= now).length,
    tokens: state.access_tokens.filter((t) => Date.parse(t.expires_at) <= now).length,
  };
  if (stale.deviceCodes + stale.sessions + stale.tokens === 0) return stale;
  await ctx.store.mutate((current) => {
    current.device_codes = current.device_codes.filter((c) => Date.parse(c.expires_at) + expiredCodeRetentionMs > now);
    current.sessions = current.sessions.filter((s) => Date.parse(s.expires_at) > now);
    current.access_tokens = current.access_tokens.filter((t) => Date.parse(t.expires_at) > now);
  });
  return stale;
}
