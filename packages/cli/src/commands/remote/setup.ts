/**
 * How remote commands reach the control plane. `loginAndConnect` is the first-run walk-through of `deploy`,
 * `run` and `serve` (reference deployments.md §1.4): log in by device flow when there is no credential,
 * connect this repository when there is no workspace_id (picker on a terminal, else --workspace/--org-id/
 * --create). Without a terminal or in CI and without a credential it fails at once instead of starting a
 * login nobody can approve (cli-auth.md §7.15). `openConnected` is for the commands that only read or act on
 * what is deployed (`job …`, `workspace deployment …`): they never log in or connect by themselves.
 */
import {
  connectWorkspace,
  deviceLogin,
  isCi,
  notConnected,
  notLoggedIn,
  openSession,
  readLocalBinding,
  requireClient,
  type PlatformHost,
  type PlatformSession,
} from '@dlthub/platform';
import type { WorkspaceClient } from '@dlthub/workspace-client';
import type { Context } from '../../context';
import { platformHost, workspacePrompts } from '../../platform-host';
import { connectMessages, connectSummary } from '../workspace/connect';

export interface RemoteWorkspace {
  host: PlatformHost;
  session: PlatformSession;
  client: WorkspaceClient;
  workspaceId: string;
}

export interface WalkThrough extends RemoteWorkspace {
  /** What the walk-through did, for `--json`. */
  login: Record<string, unknown>;
  connect: Record<string, unknown>;
}

/** `step(n)` prefixes the progress messages, e.g. `Step 1/5`. */
export async function loginAndConnect(
  context: Context,
  options: Record<string, unknown>,
  step: (index: number) => string,
): Promise<WalkThrough> {
  const { out } = context;
  const host = platformHost(context);
  let session = openSession(host, { requireWorkspace: true });
  let login: Record<string, unknown> = { performed: false, source: session.credentials.source };
  if (session.credentials.kind === 'none') {
    // Without a terminal nobody can approve a device code in time: fail now with what to run instead.
    if (isCi(context.env) || !context.interactive) throw notLoggedIn();
    out.info(`${step(1)}: not logged in, starting the device-flow login.`);
    const outcome = await deviceLogin(host, { session, browser: options.browser !== false, waitWithoutTty: true });
    if (outcome.status !== 'logged_in') throw notLoggedIn();
    out.info(`Logged in as ${outcome.user.username}. Credentials stored in ${outcome.storedIn}.`);
    login = { performed: true, user: outcome.user.username, credentials_file: outcome.storedIn };
    session = openSession(host, { requireWorkspace: true });
  } else {
    out.info(
      `${step(1)}: logged in (${session.credentials.kind === 'api_key' ? 'API key' : 'login token'} from ${session.credentials.source}).`,
    );
  }

  const client = session.client();
  try {
    let workspaceId = readLocalBinding(session.workspace).workspaceId;
    let connect: Record<string, unknown> = { performed: false, workspace_id: workspaceId ?? null };
    if (!workspaceId) {
      out.info(`${step(2)}: not connected, choosing a remote workspace.`);
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
      out.info(`${step(2)}: connected to workspace ${workspaceId}.`);
    }
    return { host, session, client, workspaceId, login, connect };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** An authenticated client for the connected workspace; no login, no connect (those are `deploy`'s). */
export function openConnected(context: Context): RemoteWorkspace {
  const host = platformHost(context);
  const session = openSession(host, { requireWorkspace: true });
  const workspaceId = readLocalBinding(session.workspace).workspaceId;
  if (!workspaceId) throw notConnected();
  return { host, session, client: requireClient(session), workspaceId };
}

/** Runs `work` with a connected workspace and closes its client afterwards. */
export async function withConnected<T>(context: Context, work: (remote: RemoteWorkspace) => Promise<T>): Promise<T> {
  const remote = openConnected(context);
  try {
    return await work(remote);
  } finally {
    await remote.client.close();
  }
}
