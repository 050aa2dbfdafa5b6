/**
 * `dlthub logout`: revokes the login token on the control plane (`DELETE /api/v1/auth/token`, so a
 * copy of it stops working too), then removes it (`[runtime] auth_token`) from the global
 * secrets.toml, keeping the rest of the file. Refuses while RUNTIME__API_KEY is set (cli-auth.md
 * §7.16). When the server cannot be reached the local token is still removed, with a warning.
 */
import type { Context } from '../context';
import { assertNoEnvApiKey, logout, readStoredToken } from '@dlthub/auth';
import { DlthubError } from '@dlthub/config-core';
import { openSession } from '@dlthub/platform';
import { platformHost } from '../platform-host';

async function revokeOnServer(context: Context, token: string): Promise<boolean> {
  const session = openSession(platformHost(context));
  const client = session.client(token);
  try {
    await client.revokeCurrentToken();
    return true;
  } catch (error) {
    // Already invalid on the server: nothing left to revoke.
    if (error instanceof DlthubError && error.code === 'Auth') return true;
    context.out.warn(
      `Could not revoke the token on ${session.apiBaseUrl} (${(error as Error).message}); it stays valid there until it expires.`,
    );
    return false;
  } finally {
    await client.close();
  }
}

export async function run(context: Context): Promise<void> {
  const workspace = context.workspace();
  // Refuse before touching the server: with RUNTIME__API_KEY set, logout changes nothing.
  assertNoEnvApiKey(context.env, 'logout');
  const stored = readStoredToken(workspace.globalDir);
  const revoked = stored ? await revokeOnServer(context, stored.token) : false;
  const { path, removed } = logout(workspace.globalDir, context.env);
  const apiKey = workspace.getSecret('runtime.api_key');
  context.out.result({ logged_out: removed, revoked_on_server: revoked, credentials_file: path }, () => []);
  if (removed) {
    context.out.info(
      `Logged out: removed [runtime] auth_token from ${path}${revoked ? ' and revoked the token on the server' : ''}.`,
    );
  } else context.out.info('Not logged in; nothing to do.');
  if (apiKey.found) {
    context.out.warn(
      `An API key is still configured (${apiKey.file ?? apiKey.provider ?? 'secrets'} [runtime] api_key) and will be used; remove that line to stop using it.`,
    );
  }
}
