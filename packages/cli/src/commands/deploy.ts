/**
 * `dlthub deploy`: the first-run walk-through (product page, workspace setup): log in by device flow
 * when there is no credential, connect this repository when there is no workspace_id (picker on a
 * terminal, else --workspace/--org-id/--create), then sync the configuration. In CI or without a
 * terminal and without a credential it fails at once instead of starting a login nobody can approve
 * (cli-auth.md §7.15). `--show-manifest` and `--dry-run` run offline (deploy-preview.ts).
 */
import {
  connectWorkspace,
  deviceLogin,
  isCi,
  notLoggedIn,
  openSession,
  readLocalBinding,
  syncConfiguration,
} from '@dlthub/platform';
import type { Context } from '../context';
import { platformHost, workspacePrompts } from '../platform-host';
import { syncLines, syncSummary } from './configuration/sync-report';
import { connectMessages, connectSummary } from './workspace/connect';

export async function run(context: Context, _args: string[], options: Record<string, unknown>): Promise<void> {
  // Offline: no login, no connect, nothing sent.
  if (options.showManifest)
    return (require('./deploy-preview') as typeof import('./deploy-preview')).showManifest(context, options);
  if (options.dryRun)
    return (require('./deploy-preview') as typeof import('./deploy-preview')).dryRun(context, options);
  const { out } = context;
  const host = platformHost(context);
  let session = openSession(host, { requireWorkspace: true });
  let login: Record<string, unknown> = { performed: false, source: session.credentials.source };
  if (session.credentials.kind === 'none') {
    // Without a terminal nobody can approve a device code in time: fail now with what to run instead.
    if (isCi(context.env) || !context.interactive) throw notLoggedIn();
    out.info('Step 1/3: not logged in, starting the device-flow login.');
    const outcome = await deviceLogin(host, { session, browser: options.browser !== false, waitWithoutTty: true });
    if (outcome.status !== 'logged_in') throw notLoggedIn();
    out.info(`Logged in as ${outcome.user.username}. Credentials stored in ${outcome.storedIn}.`);
    login = { performed: true, user: outcome.user.username, credentials_file: outcome.storedIn };
    session = openSession(host, { requireWorkspace: true });
  } else {
    out.info(
      `Step 1/3: logged in (${session.credentials.kind === 'api_key' ? 'API key' : 'login token'} from ${session.credentials.source}).`,
    );
  }

  const client = session.client();
  try {
    let workspaceId = readLocalBinding(session.workspace).workspaceId;
    let connect: Record<string, unknown> = { performed: false, workspace_id: workspaceId ?? null };
    if (!workspaceId) {
      out.info('Step 2/3: not connected, choosing a remote workspace.');
      const outcome = await connectWorkspace(host, {
        session,
        client,
        prompts: workspacePrompts(context),
        nameOrId: typeof options.workspace === 'string' ? options.workspace : undefined,
        orgId: typeof options.orgId === 'string' ? options.orgId : undefined,
        create: Boolean(options.create),
      });
      for (const line of connectMessages(outcome)) out.info(line);
      workspaceId = outcome.workspace.id;
      connect = { performed: true, ...connectSummary(outcome) };
    } else {
      out.info(`Step 2/3: connected to workspace ${workspaceId}.`);
    }

    out.info('Step 3/3: syncing the configuration.');
    const sync = await syncConfiguration(host, { session, dryRun: false, workspaceId, client });
    out.result({ login, connect, sync: syncSummary(sync) }, () => syncLines(sync));
    out.info(
      `Deploy done: configuration ${sync.status === 'uploaded' ? `version ${sync.version} uploaded` : `unchanged (version ${sync.version})`}.`,
    );
  } finally {
    await client.close();
  }
}
