/**
 * `dlthub logout`: removes the login token (`[runtime] auth_token`) from the global secrets.toml,
 * keeping the rest of the file. Refuses while RUNTIME__API_KEY is set (cli-auth.md §7.16). Nothing to
 * revoke remotely: tokens of the control plane expire on their own.
 */
import type { Context } from '../context';
import { logout } from '@dlthub/auth';

export function run(context: Context): void {
  const workspace = context.workspace();
  const { path, removed } = logout(workspace.globalDir, context.env);
  const apiKey = workspace.getSecret('runtime.api_key');
  context.out.result({ logged_out: removed, credentials_file: path }, () => []);
  if (removed) context.out.info(`Logged out: removed [runtime] auth_token from ${path}.`);
  else context.out.info('Not logged in; nothing to do.');
  if (apiKey.found) {
    context.out.warn(
      `An API key is still configured (${apiKey.file ?? apiKey.provider ?? 'secrets'} [runtime] api_key) and will be used; remove that line to stop using it.`,
    );
  }
}
