import type { Env, Resolved } from '@dlthub/config-core';
import { readStoredToken } from './token-store';
import type { ResolvedCredentials } from './types';

/** The env var that carries an API key (dlt's env provider spelling of `[runtime] api_key`). */
export const apiKeyEnvVar = 'RUNTIME__API_KEY';

/** What credential resolution needs from a workspace (`openWorkspace(...)` satisfies it). */
export interface CredentialSource {
  globalDir: string;
  /** `dlt.secrets["runtime.api_key"]` of the workspace; absent outside a workspace. */
  getSecret?(path: string): Resolved;
}

export interface CredentialResolution extends ResolvedCredentials {
  /** E.g. the global secrets.toml is readable by others. */
  warnings: string[];
}

/**
 * Credential precedence (DESIGN auth; dlt-semantics §6.1): `RUNTIME__API_KEY` env > `[runtime] api_key`
 * in the workspace's secrets > the stored login token (`[runtime] auth_token` in the global
 * secrets.toml). An API key disables the login token and the workspace picker.
 */
export function resolveCredentials(workspace: CredentialSource, env: Env): CredentialResolution {
  const fromEnv = env[apiKeyEnvVar];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { kind: 'api_key', token: fromEnv.trim(), source: apiKeyEnvVar, warnings: [] };
  }
  const secret = workspace.getSecret?.('runtime.api_key');
  if (secret?.found && typeof secret.value === 'string' && secret.value.trim() !== '') {
    const source =
      secret.provider === 'Environment Variables'
        ? apiKeyEnvVar
        : `${secret.file ?? secret.provider ?? 'secrets'}${secret.line ? `:${secret.line}` : ''} [runtime] api_key`;
    return { kind: 'api_key', token: secret.value.trim(), source, warnings: [] };
  }
  const stored = readStoredToken(workspace.globalDir);
  if (stored) {
    return {
      kind: 'token',
      token: stored.token,
      source: `${stored.path} [runtime] auth_token`,
      warnings: stored.warning ? [stored.warning] : [],
    };
  }
  return { kind: 'none', token: undefined, source: 'none', warnings: [] };
}
