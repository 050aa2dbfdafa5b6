/** `dlthub workspace connect [name_or_id] [--org-id <id>] [--create] [-y]`: @dlthub/platform `connectWorkspace`. */
import { connectWorkspace, openSession, requireClient, type ConnectOutcome } from '@dlthub/platform';
import type { Context } from '../../context';
import { platformHost, workspacePrompts } from '../../platform-host';

export function connectSummary(outcome: ConnectOutcome): Record<string, unknown> {
  const ws = outcome.workspace;
  return {
    workspace: {
      id: ws.id,
      name: ws.name,
      organization_id: ws.organization_id,
      organization_name: ws.organization_name,
    },
    created: outcome.created,
    already_connected: outcome.alreadyConnected,
    repository: outcome.repository.repository,
    repository_source: outcome.repository.source,
    deactivated_jobs: outcome.deactivatedJobs,
    previous_workspace_id: outcome.previousWorkspaceId,
    config_file: outcome.configFile,
    organization_id_written: outcome.organizationWritten,
  };
}

/** What happened, for stderr. */
export function connectMessages(outcome: ConnectOutcome): string[] {
  const ws = outcome.workspace;
  const where = `${ws.organization_name}/${ws.name}`;
  if (outcome.alreadyConnected) return [`Already connected to ${where} (${ws.id}).`];
  const lines = [`Connected ${outcome.repository.repository} to workspace ${where} (${ws.id}).`];
  if (outcome.deactivatedJobs > 0 || outcome.previousWorkspaceId) {
    lines.push(
      `Deactivated ${outcome.deactivatedJobs} job${outcome.deactivatedJobs === 1 ? '' : 's'} of the previous binding (run history kept).`,
    );
  }
  lines.push(
    `Wrote [runtime] workspace_id${outcome.organizationWritten ? ' and organization_id' : ''} to ${outcome.configFile}.`,
  );
  return lines;
}

export async function run(context: Context, [nameOrId]: string[], options: Record<string, unknown>): Promise<void> {
  const host = platformHost(context);
  const session = openSession(host, { requireWorkspace: true });
  const client = requireClient(session);
  try {
    const outcome = await connectWorkspace(host, {
      session,
      client,
      prompts: workspacePrompts(context),
      nameOrId,
      orgId: typeof options.orgId === 'string' ? options.orgId : undefined,
      create: Boolean(options.create),
    });
    context.out.result(connectSummary(outcome), () => []);
    for (const line of connectMessages(outcome)) context.out.info(line);
  } finally {
    await client.close();
  }
}
