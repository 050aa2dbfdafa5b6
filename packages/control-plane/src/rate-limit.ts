import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';

/** Limits per client address (and per user for uploads); each is `count` events per `windowSeconds`. */
export interface Limits {
  deviceCodesPerAddress: { count: number; windowSeconds: number };
  tokenPollsPerAddress: { count: number; windowSeconds: number };
  /** Wrong user codes typed on the approval page before the address is locked out for the window. */
  wrongUserCodesPerAddress: { count: number; windowSeconds: number };
  uploadsPerUser: { count: number; windowSeconds: number };
}

export const defaultLimits: Limits = {
  deviceCodesPerAddress: { count: 30, windowSeconds: 60 },
  tokenPollsPerAddress: { count: 120, windowSeconds: 60 },
  wrongUserCodesPerAddress: { count: 10, windowSeconds: 15 * 60 },
  uploadsPerUser: { count: 60, windowSeconds: 3600 },
};

/**
 * A sliding-window counter in memory, per instance (an attacker spread over several instances gets
 * at most N per instance; the codes' 40-bit space keeps guessing hopeless at that rate). Keys that
 * have been quiet for a window are dropped, so memory stays bounded by recent clients.
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: { count: number; windowSeconds: number },
    private readonly now: () => number,
  ) {}

  /** Seconds until `key` may act again, or 0 when it is under its limit. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit.count) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.limit.windowSeconds * 1000 - this.now()) / 1000));
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.events.set(key, recent);
  }

  /** Records one event, refusing with 429 once the limit is reached. */
  take(key: string, what: string): void {
    const wait = this.retryAfter(key);
    if (wait > 0) throw tooMany(what, wait);
    this.record(key);
  }

  /** Drops every key with no event inside the window. */
  sweep(): void {
    for (const key of [...this.events.keys()]) if (this.recent(key).length === 0) this.events.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limit.windowSeconds * 1000;
    const recent = (this.events.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.events.delete(key);
    else this.events.set(key, recent);
    return recent;
  }
}

export function tooMany(what: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, `Too many ${what}; try again in ${retryAfterSeconds} s.`, {
    'retry-after': String(retryAfterSeconds),
  });
}

/** The peer address; forwarded headers are not trusted (a client could name any address). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

// A type alias (not an interface) so Object.values sees RateLimiter values.
export type RateLimiters = {
  deviceCodes: RateLimiter;
  tokenPolls: RateLimiter;
  wrongUserCodes: RateLimiter;
  uploads: RateLimiter;
};

export function createRateLimiters(limits: Limits, now: () => number): RateLimiters {
  return {
    deviceCodes: new RateLimiter(limits.deviceCodesPerAddress, now),
    tokenPolls: new RateLimiter(limits.tokenPollsPerAddress, now),
    wrongUserCodes: new RateLimiter(limits.wrongUserCodesPerAddress, now),
    uploads: new RateLimiter(limits.uploadsPerUser, now),
  };
}
