/**
 * `dlthub show [--no-browser]` (= `dlthub workspace show`): the connected workspace's page on the control
 * plane's web UI, opened in the browser (as `dlthub login` opens one); `--no-browser` and `--json` only print it.
 */
import { systemBrowserOpener } from '@dlthub/auth';
import { uiPaths } from '@dlthub/api-schema';
import { notConnected, openSession, readLocalBinding } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost } from '../../platform-host';

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  const host = platformHost(context);
  const session = openSession(host, { requireWorkspace: true });
  const { workspaceId } = readLocalBinding(session.workspace);
  if (!workspaceId) throw notConnected();
  const url = new URL(uiPaths.workspace(workspaceId), session.apiBaseUrl).toString();
  context.out.result({ url }, () => [url]);
  if (options.browser === false || context.out.json) return;
  try {
    await systemBrowserOpener(host.env)(url);
  } catch (error) {
    // Not a failure: the URL is printed above for the user to open.
    context.out.warn(`Could not open a browser (${error instanceof Error ? error.message : String(error)}).`);
  }
}
