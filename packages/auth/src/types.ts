import type { DeviceCodeRequest, DeviceCodeResponse, DeviceTokenError, DeviceTokenSuccess } from '@dlthub/api-schema';

/** Where a credential came from, for messages ("the API key from RUNTIME__API_KEY was refused"). */
export type CredentialKind = 'api_key' | 'token' | 'none';

export interface ResolvedCredentials {
  kind: CredentialKind;
  /** The bearer value; `undefined` when `kind` is 'none'. Never print it (see `maskSecret`). */
  token: string | undefined;
  /** Human description of the source: `RUNTIME__API_KEY`, `.dlt/secrets.toml [runtime] api_key`, a file path… */
  source: string;
}

/** Outcome of one token poll: the token, or the RFC 6749 §5.2 error the server answered. */
export type DeviceTokenPoll = { kind: 'token'; token: DeviceTokenSuccess } | { kind: 'error'; error: DeviceTokenError };

/**
 * The two device-flow calls the login needs. `@dlthub/workspace-client`'s client implements it;
 * auth depends only on this shape so the dependency direction stays client → auth.
 */
export interface DeviceFlowApi {
  readonly baseUrl: string;
  requestDeviceCode(request?: DeviceCodeRequest, signal?: AbortSignal): Promise<DeviceCodeResponse>;
  pollDeviceToken(deviceCode: string, signal?: AbortSignal): Promise<DeviceTokenPoll>;
}
