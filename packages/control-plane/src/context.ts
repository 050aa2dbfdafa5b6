import type { Store } from './store';

export interface ControlPlaneSettings {
  /** Lifetime of a device code / user code pair (RFC 8628 `expires_in`). */
  deviceCodeTtlSeconds: number;
  /** Minimum seconds between token polls (RFC 8628 `interval`). */
  pollIntervalSeconds: number;
  /** Lifetime of an access token issued by the device flow. */
  accessTokenTtlSeconds: number;
  /** Lifetime of a browser session on the approval page. */
  sessionTtlSeconds: number;
}

export const defaultSettings: ControlPlaneSettings = {
  deviceCodeTtlSeconds: 900,
  pollIntervalSeconds: 5,
  accessTokenTtlSeconds: 30 * 24 * 3600,
  sessionTtlSeconds: 12 * 3600,
};

/** What every handler gets: the store, the clock, the settings and the URL the server answers on. */
export interface Context {
  store: Store;
  now: () => Date;
  settings: ControlPlaneSettings;
  baseUrl: () => string;
}
