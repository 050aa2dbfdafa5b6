import type { GitHubOAuthSettings } from './github';
import type { RateLimiters } from './rate-limit';
import type { Scheduler } from '@dlthub/scheduler';
import type { RunService } from './runs/run-service';
import type { Store } from './store/types';

export interface ControlPlaneSettings {
  /** Lifetime of a device code / user code pair (RFC 8628 `expires_in`). */
  deviceCodeTtlSeconds: number;
  /** Minimum seconds between token polls (RFC 8628 `interval`). */
  pollIntervalSeconds: number;
  /** Lifetime of an access token issued by the device flow. */
  accessTokenTtlSeconds: number;
  /** Lifetime of a browser session on the approval page. */
  sessionTtlSeconds: number;
  /** Username-only sign-in on the approval page: demos and tests only, loopback only. */
  demoSignIn: boolean;
  /** GitHub OAuth app for signing in on the approval page. */
  github?: GitHubOAuthSettings;
}

export const defaultSettings: ControlPlaneSettings = {
  deviceCodeTtlSeconds: 900,
  pollIntervalSeconds: 5,
  accessTokenTtlSeconds: 30 * 24 * 3600,
  sessionTtlSeconds: 12 * 3600,
  demoSignIn: false,
};

/** What every handler gets: the store, the clock, the settings and the URL the server answers on. */
export interface Context {
  store: Store;
  now: () => Date;
  settings: ControlPlaneSettings;
  /** The URL users reach the server at (`--public-url`, else the one it listens on). */
  baseUrl: () => string;
  /** The URL it listens on. */
  listenUrl: () => string;
  limiters: RateLimiters;
  /** Starts, records and cancels runs of jobs. */
  runs: RunService;
  /** Fires jobs on their triggers; `wake()` it after the jobs changed. */
  scheduler: Scheduler;
}
