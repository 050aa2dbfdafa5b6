import { DlthubError, withDirectoryLock, type Env } from '@dlthub/config-core';
import { apiKeyEnvVar } from './credentials';
import { removeToken, storeToken } from './token-store';

/**
 * `login`/`logout` refuse while `RUNTIME__API_KEY` is set: it takes precedence, so a stored token
 * would silently not be used (gh does the same for GH_TOKEN; cli-auth.md §7.16).
 */
export function assertNoEnvApiKey(env: Env, action: 'login' | 'logout'): void {
  const value = env[apiKeyEnvVar];
  if (value !== undefined && value.trim() !== '') {
    throw new DlthubError(
      'Auth',
      `${apiKeyEnvVar} is set and takes precedence; unset it to ${action === 'login' ? 'store login credentials' : 'log out'}.`,
      {
        hint: `Run \`unset ${apiKeyEnvVar}\` first, or keep using the API key.`,
      },
    );
  }
}

export interface VerifiedLogin<User> {
  user: User;
  path: string;
}

/**
 * Stores a freshly issued token only after `verify` (e.g. `GET /api/v1/me` with it) succeeds,
 * so a broken token never replaces a working one (cli-auth.md §7.11).
 */
export async function verifyAndStoreToken<User>(options: {
  token: string;
  globalDir: string;
  verify: (token: string) => Promise<User>;
}): Promise<VerifiedLogin<User>> {
  const user = await options.verify(options.token);
  // The global secrets.toml is edited in place (other keys kept): under its directory's lock, like workspace files.
  const { path } = await withDirectoryLock(options.globalDir, () => storeToken(options.globalDir, options.token));
  return { user, path };
}

/** `logout`: removes the stored token (nothing remote to revoke for the local token store). */
export function logout(globalDir: string, env: Env): { path: string; removed: boolean } {
  assertNoEnvApiKey(env, 'logout');
  return removeToken(globalDir);
}
